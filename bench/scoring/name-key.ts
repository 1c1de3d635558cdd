/**
 * `npx tsx bench/scoring/name-key.ts <name>…`: the `nameSha256` key a résumé label uses for a name
 * (see labels.ts), so a label can be written without keeping the name in the repository.
 */
import { nameSha256 } from './labels.js';

for (const name of process.argv.slice(2)) process.stdout.write(`${nameSha256(name)}\n`);
