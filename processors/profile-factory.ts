import { resolveConfigPath, type Config } from '../config/load.js';
import { loadIndustries, type Industry } from '../config/industries.js';
import { loadRoleFunctions, type RoleFunctionVocabulary } from '../config/role-functions.js';
import { loadScoring, type ScoringConfig } from '../config/scoring.js';
import { loadEscoSkills } from '../config/esco-skills.js';
import { loadSkills } from '../config/skills.js';
import type { TalentProfile } from './model/profile.js';
import { SkillVocabulary } from './normalize/skill.js';
import { buildProfiles, type ParsedRecord } from './profile/build-profiles.js';
import type { ResolveOptions } from './resolve/index.js';
import { IndustryMatcher } from './score/industry-matcher.js';
import { RoleClassifier } from './score/role-function.js';
import { scoreProfile, type ScoringContext } from './score/score-profile.js';

/** Everything scoring needs, loaded and compiled once per process. */
export class ProfileFactory {
  readonly industries: readonly Industry[];
  readonly scoring: ScoringConfig;
  readonly vocabulary: SkillVocabulary;
  readonly resolution: Readonly<ResolveOptions>;
  private readonly context: ScoringContext;

  constructor(options: {
    industries: readonly Industry[];
    scoring: ScoringConfig;
    /** Titles → role functions (config/role-functions.yaml). */
    roleFunctions: RoleFunctionVocabulary;
    vocabulary: SkillVocabulary;
    referenceYear: number;
    /** Person resolution's threshold and linkage; the resolver's defaults when absent. */
    resolution?: ResolveOptions;
  }) {
    this.resolution = { ...options.resolution };
    this.industries = options.industries;
    this.scoring = options.scoring;
    this.vocabulary = options.vocabulary;
    this.context = {
      matcher: new IndustryMatcher(options.industries),
      config: options.scoring,
      roles: new RoleClassifier(options.roleFunctions),
      referenceYear: options.referenceYear,
    };
  }

  static fromConfig(config: Readonly<Config>, now: Date = new Date()): ProfileFactory {
    const referenceYear = config.scoring.referenceDate
      ? Number(config.scoring.referenceDate.slice(0, 4))
      : now.getUTCFullYear();
    return new ProfileFactory({
      industries: loadIndustries(resolveConfigPath(config.scoring.industriesFile)),
      scoring: loadScoring(resolveConfigPath(config.scoring.weightsFile)),
      roleFunctions: loadRoleFunctions(resolveConfigPath(config.scoring.roleFunctionsFile)),
      vocabulary: new SkillVocabulary(
        loadSkills(resolveConfigPath(config.scoring.skillsFile)),
        loadEscoSkills(
          config.scoring.escoSkillsFiles
            .split(',')
            .map((f) => f.trim())
            .filter((f) => f !== '')
            .map((f) => resolveConfigPath(f)),
        ),
      ),
      referenceYear,
      resolution: { ...config.resolution },
    });
  }

  /** Normalizes, resolves into people (processors/resolve) and scores the people in these records. */
  profiles(records: readonly ParsedRecord[]): TalentProfile[] {
    return buildProfiles(records, this.vocabulary, this.resolution).map((p) => scoreProfile(p, this.context));
  }
}
