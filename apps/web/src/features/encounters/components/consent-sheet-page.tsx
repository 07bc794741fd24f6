import { useTranslation } from 'react-i18next';
import {
  CONSENT_PURPOSES,
  CONSENT_TEXTS,
  RTL_LANGUAGES,
  type ConsentLanguage,
  type PrivacyNotice,
} from '@begegnung/domain';

export interface SheetPerson {
  code: string;
  centre: string;
}

/**
 * One A4 page in one language: consent purposes to tick, the Art. 13 information, and the
 * person's code and centre when known. The "not reviewed" banner is for the screen only.
 */
export function ConsentSheetPage({
  lang,
  reviewed,
  notice,
  retentionMonths,
  person,
}: {
  lang: ConsentLanguage;
  reviewed: boolean;
  notice: PrivacyNotice;
  retentionMonths: number;
  person: SheetPerson | null;
}) {
  const { t } = useTranslation();
  const text = CONSENT_TEXTS[lang];
  const a = text.art13;
  const blank = '____________________';
  return (
    <section
      className="sheet-page"
      lang={lang}
      dir={RTL_LANGUAGES.includes(lang) ? 'rtl' : 'ltr'}
      aria-label={text.language}
    >
      {!reviewed && (
        <p className="sheet-placeholder no-print" dir="ltr" lang="de">
          {t('encounters.sheet.placeholder', { language: text.language })}
        </p>
      )}
      <p className="sheet-code" dir="ltr">
        <span>
          {t('encounters.sheet.code')}: <strong>{person?.code ?? blank}</strong>
        </span>
        <span>
          {t('encounters.sheet.centre')}: <strong>{person?.centre ?? blank}</strong>
        </span>
        <span className="sheet-lang">{text.language}</span>
      </p>
      <h2>{text.title}</h2>
      <p>{text.intro}</p>
      <ul className="sheet-purposes">
        {CONSENT_PURPOSES.map((p) => (
          <li key={p}>
            <span className="sheet-box" aria-hidden="true" />
            {text.purposes[p]}
          </li>
        ))}
      </ul>
      <p>{text.rights}</p>
      <h3>{a.heading}</h3>
      <dl className="sheet-info">
        <dt>{a.controller}</dt>
        <dd>
          <bdi lang="de">{notice.controller}</bdi>
        </dd>
        <dt>{a.dpo}</dt>
        <dd>
          <bdi lang="de">{notice.dpo}</bdi>
        </dd>
        <dt>{a.recipients}</dt>
        <dd>
          <bdi lang="de">{notice.recipients}</bdi>
        </dd>
        <dt>{a.complaint}</dt>
        <dd>
          <bdi lang="de">{notice.supervisoryAuthority}</bdi>
        </dd>
      </dl>
      <ul className="sheet-facts">
        <li>{a.legalBasis}</li>
        <li>{a.storage.replace('{months}', String(retentionMonths))}</li>
        <li>{a.source}</li>
        <li>{a.yourRights}</li>
        <li>{a.noAutomated}</li>
      </ul>
      <p className="sheet-sign">{text.sign}</p>
      <p className="sheet-staff" dir="ltr" lang="de">
        {t('encounters.sheet.staffLine')}
      </p>
    </section>
  );
}
