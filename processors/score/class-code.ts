/** A CPC/IPC code split into its parts: `H01L 21/768` → { subclass: 'H01L', group: '21', subgroup: '768' }. */
export interface ClassCode {
  subclass: string;
  group?: string;
  subgroup?: string;
}

/** Parses a code as USPTO and config write it (`H01L 21/768`, `H01L21/768`, `G06F 16/22 (2019.01)`, `B60`). */
export function parseClassCode(text: string): ClassCode | undefined {
  const compact = text.replace(/\s+/g, '').toUpperCase();
  const m = compact.match(/^([A-H]\d{2}[A-Z]?)(\d{1,4})?(?:\/(\d{1,6}))?/);
  if (!m) return undefined;
  const code: ClassCode = { subclass: m[1] as string };
  if (m[2] !== undefined) code.group = String(Number(m[2]));
  if (m[3] !== undefined) code.subgroup = m[3];
  return code;
}

/**
 * True when `code` falls under `prefix`: a class prefix (`B60`) covers its subclasses, a subclass
 * (`H01L`) its groups, a main group (`H01L 33`) its subgroups — group numbers compare whole, so
 * `H01L 3` does not cover `H01L 33/00`.
 */
export function classCovers(prefix: ClassCode, code: ClassCode): boolean {
  if (prefix.subclass.length === 3) {
    if (!code.subclass.startsWith(prefix.subclass)) return false;
  } else if (prefix.subclass !== code.subclass) return false;
  if (prefix.group === undefined) return true;
  if (prefix.group !== code.group) return false;
  if (prefix.subgroup === undefined) return true;
  return code.subgroup !== undefined && code.subgroup.startsWith(prefix.subgroup);
}
