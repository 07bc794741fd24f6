import { Type, type Static } from 'typebox';
import { CONSENT_LANGUAGES, ConsentLanguageSchema } from '../encounters/participant.schemas.ts';

/**
 * Who is responsible and where to complain (Art. 13(1)(a)(b), 13(2)(d), 15(1)(f) GDPR). An admin
 * sets the city's own values; until then these public defaults apply.
 */
export const PRIVACY_NOTICE_DEFAULTS = {
  controller:
    'Stadt Göttingen, Fachbereich Soziales – Integration, Hiroshimaplatz 1–4, 37083 Göttingen',
  dpo: 'Behördliche Datenschutzbeauftragte der Stadt Göttingen, Hiroshimaplatz 1–4, 37083 Göttingen',
  supervisoryAuthority:
    'Die Landesbeauftragte für den Datenschutz Niedersachsen, Prinzenstraße 5, 30159 Hannover, www.lfd.niedersachsen.de',
  recipients:
    'Mitarbeitende des Nachbarschaftszentrums; die städtische Koordination nur pseudonym und ohne Notizen; der IT-Dienstleister der Stadt als Auftragsverarbeiter. Keine Übermittlung an Dritte oder in Drittländer.',
} as const;
export type NoticeKey = keyof typeof PRIVACY_NOTICE_DEFAULTS;
export const NOTICE_KEYS = Object.keys(PRIVACY_NOTICE_DEFAULTS) as NoticeKey[];

const NoticeText = Type.String({ minLength: 5, maxLength: 400 });
export const PrivacyNoticeSchema = Type.Object({
  controller: NoticeText,
  dpo: NoticeText,
  supervisoryAuthority: NoticeText,
  recipients: NoticeText,
});
export type PrivacyNotice = Static<typeof PrivacyNoticeSchema>;

export const UpdatePrivacyNoticeBodySchema = Type.Partial(PrivacyNoticeSchema, {
  additionalProperties: false,
  minProperties: 1,
});
export type UpdatePrivacyNoticeBody = Static<typeof UpdatePrivacyNoticeBodySchema>;

/** Per consent-sheet language: has a qualified person reviewed the translation? */
export const ConsentTextReviewSchema = Type.Object({
  language: ConsentLanguageSchema,
  reviewed: Type.Boolean(),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
  updatedByName: Type.Union([Type.String(), Type.Null()]),
});
export type ConsentTextReview = Static<typeof ConsentTextReviewSchema>;

export const ConsentSheetInfoSchema = Type.Object({
  notice: PrivacyNoticeSchema,
  retentionMonths: Type.Integer(),
  reviews: Type.Array(ConsentTextReviewSchema),
});
export type ConsentSheetInfo = Static<typeof ConsentSheetInfoSchema>;

export const ConsentLanguageParamsSchema = Type.Object({ language: ConsentLanguageSchema });
export const SetReviewedBodySchema = Type.Object(
  { reviewed: Type.Boolean() },
  { additionalProperties: false },
);
export type SetReviewedBody = Static<typeof SetReviewedBodySchema>;

/** German is the source text and counts as reviewed. */
export const isSourceLanguage = (l: (typeof CONSENT_LANGUAGES)[number]) => l === 'de';
