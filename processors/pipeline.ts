import type { Config } from '../config/load.js';
import { loadIndustries, type Industry } from '../config/industries.js';
import { loadScoring, type ScoringConfig } from '../config/scoring.js';
import { loadSkills } from '../config/skills.js';
import type { FormatName, RecordEnvelope } from '../lib/envelope.js';
import { ProcessingError } from '../lib/errors.js';
import { headText } from './common/decode-text.js';
import type { TalentProfile } from './model/profile.js';
import { SkillVocabulary } from './normalize/skill.js';
import type { ParseLimits, ParseOutcome } from './parser.js';
import { buildProfiles, type ParsedRecord } from './profile/build-profiles.js';
import { detectFormat, parserFor } from './registry.js';
import { IndustryMatcher } from './score/industry-matcher.js';
import { scoreProfile, type ScoringContext } from './score/score-profile.js';

/** A parse outcome plus the format it was parsed as (null when none could be detected). */
export type RecordOutcome = ParseOutcome & { format: FormatName | null };

/**
 * Parses one record: detects its format from the content when the envelope does not say, runs the
 * parser, and turns any unexpected exception into a `parser-failure` rejection. Nothing escapes:
 * a poison record must never stop a worker.
 */
export function processRecord(envelope: RecordEnvelope, limits: ParseLimits): RecordOutcome {
  let format = envelope.format;
  if (format === null) {
    if (envelope.body.length > limits.maxDocumentBytes)
      return {
        status: 'rejected',
        format: null,
        error: new ProcessingError('too-large', `document is ${envelope.body.length} bytes, over the limit of ${limits.maxDocumentBytes} (processors.maxDocumentBytes)`),
      };
    if (envelope.body.length === 0) return { status: 'rejected', format: null, error: new ProcessingError('empty-input', 'document is empty') };
    format = detectFormat(headText(envelope.body), envelope.contentType) ?? null;
    if (format === null)
      return {
        status: 'rejected',
        format: null,
        error: new ProcessingError('unknown-format', `no parser recognises this ${envelope.contentType} document; give the format explicitly (--format) if it is one of the supported ones`),
      };
  }
  try {
    return { ...parserFor(format).parse(envelope, limits), format };
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    return { status: 'rejected', format, error: new ProcessingError('parser-failure', `the ${format} parser failed unexpectedly: ${message}`, { cause }) };
  }
}

/** Everything scoring needs, loaded and compiled once per process. */
export class ProfileFactory {
  readonly industries: readonly Industry[];
  readonly scoring: ScoringConfig;
  readonly vocabulary: SkillVocabulary;
  private readonly context: ScoringContext;

  constructor(options: { industries: readonly Industry[]; scoring: ScoringConfig; vocabulary: SkillVocabulary; referenceYear: number }) {
    this.industries = options.industries;
    this.scoring = options.scoring;
    this.vocabulary = options.vocabulary;
    this.context = { matcher: new IndustryMatcher(options.industries), config: options.scoring, referenceYear: options.referenceYear };
  }

  static fromConfig(config: Readonly<Config>, now: Date = new Date()): ProfileFactory {
    const referenceYear = config.scoring.referenceDate ? Number(config.scoring.referenceDate.slice(0, 4)) : now.getUTCFullYear();
    return new ProfileFactory({
      industries: loadIndustries(config.scoring.industriesFile),
      scoring: loadScoring(config.scoring.weightsFile),
      vocabulary: new SkillVocabulary(loadSkills(config.scoring.skillsFile)),
      referenceYear,
    });
  }

  /** Normalizes, merges (strong keys, name + organisation) and scores the people in these records. */
  profiles(records: readonly ParsedRecord[]): TalentProfile[] {
    return buildProfiles(records, this.vocabulary).map((p) => scoreProfile(p, this.context));
  }
}
