import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  CONSENT_LANGUAGES,
  CONSENT_PURPOSES,
  CONSENT_TEXTS,
  RTL_LANGUAGES,
  type ConsentLanguage,
  type ConsentText,
} from '@begegnung/domain';

function SheetColumn({ lang, text }: { lang: ConsentLanguage; text: ConsentText }) {
  const { t } = useTranslation();
  return (
    <section
      className="sheet-column"
      lang={lang}
      dir={RTL_LANGUAGES.includes(lang) ? 'rtl' : 'ltr'}
    >
      {lang !== 'de' && (
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
  return (
    <>
      <div className="sheet-toolbar no-print">
        <h1>{t('encounters.sheet.title')}</h1>
        <nav className="sheet-langs" aria-label={t('encounters.consent.language')}>
          {CONSENT_LANGUAGES.map((l) => (
            <Link
              key={l}
              to={`/consent-sheet/${l}`}
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
        <p className="sheet-code">{t('encounters.sheet.codeLine')}</p>
        <div className={`sheet-columns${lang === 'de' ? ' sheet-single' : ''}`}>
          <SheetColumn lang="de" text={CONSENT_TEXTS.de} />
          {lang !== 'de' && <SheetColumn lang={lang} text={CONSENT_TEXTS[lang]} />}
        </div>
        <p className="sheet-staff">{t('encounters.sheet.staffLine')}</p>
      </article>
    </>
  );
}
