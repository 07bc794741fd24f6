import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  CONSENT_LANGUAGES,
  CONSENT_PURPOSES,
  RTL_LANGUAGES,
  type ConsentLanguage,
} from '@begegnung/domain';
import { CONSENT_TEXTS, type ConsentText } from './consent-texts.ts';

function SheetColumn({ lang, text }: { lang: ConsentLanguage; text: ConsentText }) {
  const { t } = useTranslation();
  return (
    <section
      className="sheet-column"
      lang={lang}
      dir={RTL_LANGUAGES.includes(lang) ? 'rtl' : 'ltr'}
    >
      {!text.reviewed && (
        <p className="sheet-placeholder" dir="ltr">
          {t('encounters.sheet.placeholder', { language: text.language })}
        </p>
      )}
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
      <p className="sheet-sign">{text.sign}</p>
    </section>
  );
}

/** Printable consent sheet: German beside the person's language, right-to-left where needed. */
export function ConsentSheet() {
  const { t } = useTranslation();
  const param = useParams().lang as ConsentLanguage | undefined;
  const lang: ConsentLanguage = param && CONSENT_LANGUAGES.includes(param) ? param : 'de';
  // A new walk-in's code, when opened from the saved entry; only the code format is accepted.
  const raw = useSearchParams()[0].get('code') ?? '';
  const code = /^[A-Z0-9-]{3,20}$/.test(raw) ? raw : null;
  const keep = code ? `?code=${code}` : '';
  return (
    <>
      <div className="sheet-toolbar no-print">
        <h1>{t('encounters.sheet.title')}</h1>
        <nav className="sheet-langs" aria-label={t('encounters.consent.language')}>
          {CONSENT_LANGUAGES.map((l) => (
            <Link
              key={l}
              to={`/consent-sheet/${l}${keep}`}
              aria-current={l === lang ? 'page' : undefined}
              className="chip"
            >
              {t(`encounters.languages.${l}`)}
            </Link>
          ))}
        </nav>
        <button type="button" className="btn btn-primary" onClick={() => window.print()}>
          {t('encounters.sheet.print')}
        </button>
      </div>
      <article className="sheet">
        <p className="sheet-code">
          {code ? t('encounters.sheet.codeFilled', { code }) : t('encounters.sheet.codeLine')}
        </p>
        <div className={`sheet-columns${lang === 'de' ? ' sheet-single' : ''}`}>
          <SheetColumn lang="de" text={CONSENT_TEXTS.de} />
          {lang !== 'de' && <SheetColumn lang={lang} text={CONSENT_TEXTS[lang]} />}
        </div>
        <p className="sheet-staff">{t('encounters.sheet.staffLine')}</p>
      </article>
    </>
  );
}
