/**
 * Selection criteria that name a ground protected by § 1 AGG (or a proxy for one) cannot be
 * scored or published (§§ 1, 7 AGG; Art. 9 GDPR; Art. 33 II GG for the city). See
 * docs/hiring-law.md for the decisions behind this list:
 *
 * - Origin covers "Rasse"/ethnic origin and its proxies: migration background or history,
 *   "Herkunft", "-stämmig", coming from a "...sprachig" country, place of birth, skin colour.
 * - Nationality and mother tongue are treated as origin proxies ("Deutsch als Muttersprache"
 *   is direct discrimination, LAG Hessen 16 Sa 1619/14). A language *skill* at a CEFR level
 *   ("Sprachkenntnisse Arabisch C1") is lawful and is not flagged.
 * - A term that describes the target group or a competence ("Arbeit mit Menschen mit
 *   Behinderung", "Kenntnisse über Religionen", "geschlechtersensible Beratung") is lawful;
 *   a term that describes the candidate ("eigener Migrationshintergrund", "als Frau",
 *   "Bewerberin mit ...") is not, whatever else the criterion says.
 *
 * The matcher works on words (Unicode letters, so umlauts count) and German compounds:
 * distinctive stems match anywhere in a word ("Herkunftsland", "Schwerbehinderung"), short or
 * ambiguous words only as whole words ("Alter" but not "Verwalter", "jung" but not "Jugend").
 */

export const PROTECTED_GROUNDS = [
  'origin',
  'nationality',
  'mother_tongue',
  'gender',
  'religion',
  'disability',
  'age',
  'sexual_identity',
] as const;
export type ProtectedGround = (typeof PROTECTED_GROUNDS)[number];

export interface ProtectedFinding {
  ground: ProtectedGround;
  /** The words that triggered the finding, as written. */
  match: string;
}

/** Stems that may appear anywhere inside a (compound) word. */
const STEMS: [ProtectedGround, string[]][] = [
  [
    'origin',
    [
      'migrationshintergrund',
      'migrationsgeschichte',
      'migrationserfahrung',
      'migrationsbiografie',
      'migrationsbiographie',
      'zuwanderungsgeschichte',
      'einwanderungsgeschichte',
      'fluchterfahrung',
      'fluchtgeschichte',
      'fluchthintergrund',
      'herkunft',
      'abstammung',
      'ethni',
      'hautfarbe',
      'stämmig',
      'geburtsland',
      'geburtsort',
    ],
  ],
  ['nationality', ['staatsangehörig', 'staatsbürger', 'nationalität']],
  ['mother_tongue', ['muttersprach', 'erstsprache']],
  ['gender', ['geschlecht', 'weiblich', 'männlich']],
  ['religion', ['religi', 'konfession', 'weltanschau', 'kirchenmitglied', 'kirchenzugehörig']],
  ['disability', ['behinder']],
  ['age', ['lebensalter', 'höchstalter', 'mindestalter', 'altersgrenze', 'altershöchst']],
  [
    'sexual_identity',
    ['sexuell', 'homosex', 'heterosex', 'bisex', 'transgender', 'transsex', 'intersex', 'queer'],
  ],
];

/** Words that count only as whole words (short, or parts of unrelated words). */
const WORDS: [ProtectedGround, string[]][] = [
  [
    'origin',
    [
      'migrant',
      'migrantin',
      'migranten',
      'migrantinnen',
      'migrantisch',
      'migrantische',
      'migrantischer',
      'migrantischen',
      'rasse',
      'race',
      'ethnic',
      'ethnicity',
      'origin',
      'heritage',
      'poc',
      'bipoc',
    ],
  ],
  ['nationality', ['nationality', 'citizenship', 'citizen']],
  ['mother_tongue', ['native']],
  ['gender', ['frau', 'mann', 'female', 'male', 'gender', 'sex', 'woman']],
  [
    'religion',
    [
      'muslim',
      'muslimin',
      'muslimisch',
      'muslimische',
      'muslimischer',
      'muslimischen',
      'christ',
      'christin',
      'christlich',
      'christliche',
      'christlicher',
      'christlichen',
      'jüdisch',
      'jüdische',
      'jüdischer',
      'jüdischen',
      'jude',
      'jüdin',
      'evangelisch',
      'evangelische',
      'evangelischer',
      'katholisch',
      'katholische',
      'katholischer',
      'islamisch',
      'islamische',
      'religion',
      'religious',
      'faith',
      'belief',
      'beliefs',
      'christian',
      'jewish',
    ],
  ],
  ['disability', ['disability', 'disabled', 'handicap', 'handicapped']],
  [
    'age',
    [
      'alter',
      'alters',
      'jung',
      'junge',
      'junger',
      'jungen',
      'junges',
      'jünger',
      'jüngere',
      'jüngerer',
      'jüngeren',
      'älter',
      'ältere',
      'älterer',
      'age',
      'aged',
      'young',
      'younger',
    ],
  ],
  ['sexual_identity', ['schwul', 'lesbisch', 'gay', 'lesbian', 'lgbt', 'lgbtq', 'lgbtiq', 'trans']],
];

/** Phrases checked on the whole text (already lower-cased, spaces collapsed). */
const PHRASES: [ProtectedGround, RegExp][] = [
  ['gender', /(?<!\p{L})als (frau|mann|woman|man)(?!\p{L})/gu],
  ['religion', /(?<!\p{L})als (muslim(in)?|christ(in)?|jude|jüdin)(?!\p{L})/gu],
  [
    'origin',
    /(?<!\p{L})(aus|from) (einem |einer |dem |der |den |the |an |a )?\p{L}+(sprachig|-speaking)\p{L}*/gu,
  ],
  ['origin', /\p{L}+sprachig\p{L}* (land|ländern?|raum|region|welt|staat\p{L}*)(?!\p{L})/gu],
  ['origin', /(?<!\p{L})(geboren in|born in|country of (birth|origin))(?!\p{L})/gu],
  ['origin', /(?<!\p{L})people of colou?r(?!\p{L})/gu],
  [
    'origin',
    /(?<!\p{L})(migration|migrant|immigrant|immigration|refugee|ethnic) (background|history|experience)(?!\p{L})/gu,
  ],
  ['mother_tongue', /(?<!\p{L})(mother tongue|first language|native (speaker|language))/gu],
  ['age', /(?<!\p{L})nicht (älter|jünger) als(?!\p{L})/gu],
  ['age', /(?<!\p{L})(unter|über|bis|höchstens|maximal|max\.) \d{2} jahren? alt(?!\p{L})/gu],
  [
    'age',
    /(?<!\p{L})(zwischen|von) \d{2} (und|bis) \d{2} jahren?( alt)?(?!\p{L})(?! (berufs)?erfahrung)/gu,
  ],
  ['age', /\d{2} (jahre alt|years old|years of age)/gu],
  ['age', /(?<!\p{L})(under|over) \d{2}(?!\d)/gu],
  ['sexual_identity', /(?<!\p{L})sexual (orientation|identity)(?!\p{L})/gu],
];

/** A word that makes the criterion about the candidate: no exemption applies. */
const SELF_CUES =
  /(?<!\p{L})(eigen\p{L}*|selbst|persönlich\p{L}*|own|personal(ly)?|bewerber\p{L}*|kandidat\p{L}*|applicant\p{L}*|candidate\p{L}*|stelleninhaber\p{L}*)(?!\p{L})/u;

/**
 * Words before the term (same clause) that make it describe the target group or a competence
 * rather than the candidate: "Beratung von Familien mit Fluchterfahrung".
 */
const TARGET_CUES =
  /(?<!\p{L})(arbeit|sozialarbeit|beratung|begleitung|betreuung|unterstützung|umgang|zusammenarbeit|kontakt|kontakte|kenntnis|kenntnisse|wissen|verständnis|sensibilität|kompetenz|menschen|personen|familien|frauen|männern|kinder|kindern|jugendliche|jugendlichen|eltern|klient\p{L}*|zielgruppe\p{L}*|ratsuchende\p{L}*|geflüchtete\p{L}*|communities|community|gemeinden|themen|fragen|working|work|knowledge|understanding|awareness|people|persons|families|clients|women|children|groups)(?!\p{L})|(?<!\p{L})(erfahrung|erfahrungen|experience)( mit| in| im| bei| with| in)(?!\p{L})/u;

/** Parts of a word that make a protected stem a competence ("geschlechtersensibel"). */
const COMPETENCE_AFFIX =
  /(sensib|gerecht|spezifisch|bewusst|reflektiert|übergreifend|kritisch|kompetenz|sensitiv|aware)|^(inter|multi|trans)(?=kultur|religi|ethni)/u;

const CLAUSE_BREAK = /[,;:()[\]/.!?–—\n]/u;
const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

function normalise(text: string) {
  return text.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ');
}

/** The clause (text between punctuation breaks) around `index`. */
function clauseAround(text: string, index: number, length: number) {
  let start = index;
  while (start > 0 && !CLAUSE_BREAK.test(text[start - 1]!)) start--;
  let end = index + length;
  while (end < text.length && !CLAUSE_BREAK.test(text[end]!)) end++;
  return { before: text.slice(start, index), clause: text.slice(start, end) };
}

/** Is the term at `index` exempt: a target group or a competence, not the candidate? */
function exempt(text: string, index: number, word: string) {
  const { before, clause } = clauseAround(text, index, word.length);
  if (SELF_CUES.test(clause)) return false;
  if (COMPETENCE_AFFIX.test(word)) return true;
  return TARGET_CUES.test(before);
}

/**
 * The protected grounds a criterion text names (empty when lawful). Pass the label and any
 * scale text; notes that explain the law are not meant to be checked.
 */
export function protectedFindings(...texts: (string | null | undefined)[]): ProtectedFinding[] {
  const out: ProtectedFinding[] = [];
  const seen = new Set<string>();
  const add = (ground: ProtectedGround, match: string) => {
    const key = `${ground}:${match}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ ground, match });
  };
  for (const raw of texts) {
    if (!raw) continue;
    const text = normalise(raw);
    for (const m of text.matchAll(WORD)) {
      const word = m[0];
      const parts = word.split('-');
      for (const [ground, stems] of STEMS) {
        if (stems.some((s) => word.includes(s)) && !exempt(text, m.index, word)) add(ground, word);
      }
      for (const [ground, words] of WORDS) {
        if (parts.some((p) => words.includes(p)) && !exempt(text, m.index, word)) add(ground, word);
      }
    }
    for (const [ground, re] of PHRASES) {
      for (const m of text.matchAll(re)) {
        const selfStated = /^als /u.test(m[0]);
        if (selfStated || !exempt(text, m.index, m[0])) add(ground, m[0]);
      }
    }
  }
  return out;
}

export interface CriterionProtectedFinding extends ProtectedFinding {
  /** Index of the criterion in the submitted list. */
  index: number;
}

/** Findings for a whole criteria list (label and scale of each criterion). */
export function protectedCriteria(
  criteria: readonly { label: string; scale?: string | null }[],
): CriterionProtectedFinding[] {
  // One finding per criterion and ground (the first words that named it).
  return criteria.flatMap((c, index) => {
    const grounds = new Set<ProtectedGround>();
    return protectedFindings(c.label, c.scale)
      .filter((f) => !grounds.has(f.ground) && grounds.add(f.ground))
      .map((f) => ({ ...f, index }));
  });
}

/** The lawful route, in English for the API message (the web app has its own catalogue). */
export const PROTECTED_CRITERION_ROUTE =
  'A protected characteristic (§ 1 AGG) or a proxy for one cannot be a scored criterion. ' +
  'Lawful instead: an encouragement line in the advert (e.g. applications from people with a ' +
  'history of migration are expressly welcome), a voluntary self-disclosure that is stored ' +
  'separately and never scored, or a competence measured for every applicant (languages at a ' +
  'CEFR level, intercultural competence, experience with the target groups).';
