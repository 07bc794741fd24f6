import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CONSENT_LANGUAGES, hasRole, type ConsentLanguage } from '@begegnung/domain';
import { ErrorMessage, Loading } from '../../../components/ui.tsx';
import { centreQueries } from '../../../lib/reference-data.ts';
import { useCurrentUser } from '../../../lib/session.ts';
import { participantQueries } from '../api/encounter-queries.ts';
import { consentSheetQueries, useSetReviewed } from '../api/consent-sheet-queries.ts';
import { ConsentSheetPage, type SheetPerson } from './consent-sheet-page.tsx';

/** Code and centre of the person the sheet was opened for (`?participant=<id>`), if any. */
function useSheetPerson(): { person: SheetPerson | null; pending: boolean } {
  const [params] = useSearchParams();
  const id = Number(params.get('participant'));
  const valid = Number.isInteger(id) && id > 0;
  const p = useQuery({ ...participantQueries.detail(id), enabled: valid });
  const c = useQuery({ ...centreQueries.detail(p.data?.centreId ?? 0), enabled: !!p.data });
  if (!valid) return { person: null, pending: false };
  if (!p.data || !c.data) return { person: null, pending: p.isPending || c.isPending };
  return { person: { code: p.data.code, centre: c.data.name }, pending: false };
}

/**
 * Printable consent sheet: one A4 page in German and one in the person's language (or every
 * language), with the Art. 13 information and, when opened from a person, code and centre.
 */
export function ConsentSheet() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const param = useParams().lang;
  const [params] = useSearchParams();
  const all = param === 'all';
  const lang: ConsentLanguage =
    param && (CONSENT_LANGUAGES as readonly string[]).includes(param)
      ? (param as ConsentLanguage)
      : 'de';
  const info = useQuery(consentSheetQueries.info());
  const { person, pending } = useSheetPerson();
  const setReviewed = useSetReviewed();
  const pages: ConsentLanguage[] = all
    ? [...CONSENT_LANGUAGES]
    : lang === 'de'
      ? ['de']
      : ['de', lang];
  const reviewedOf = (l: ConsentLanguage) =>
    info.data?.reviews.find((r) => r.language === l)?.reviewed ?? false;
  const suffix = params.toString() ? `?${params.toString()}` : '';
  const isAdmin = hasRole(user, 'admin');

  return (
    <>
      <div className="sheet-toolbar no-print">
        <h1>{t('encounters.sheet.title')}</h1>
        <nav className="sheet-langs" aria-label={t('encounters.consent.language')}>
          {CONSENT_LANGUAGES.map((l) => (
            <Link
              key={l}
              to={`/consent-sheet/${l}${suffix}`}
              aria-current={!all && l === lang ? 'page' : undefined}
              className="chip"
            >
              {t(`encounters.languages.${l}`)}
            </Link>
          ))}
          <Link
            to={`/consent-sheet/all${suffix}`}
            aria-current={all ? 'page' : undefined}
            className="chip"
          >
            {t('encounters.sheet.allLanguages')}
          </Link>
        </nav>
        <button type="button" className="btn btn-primary" onClick={() => window.print()}>
          {t('encounters.sheet.print')}
        </button>
      </div>
      {isAdmin && !all && lang !== 'de' && info.data && (
        <label className="sheet-review no-print">
          <input
            type="checkbox"
            checked={reviewedOf(lang)}
            disabled={setReviewed.isPending}
            onChange={(e) => setReviewed.mutate({ language: lang, reviewed: e.target.checked })}
          />
          {t('encounters.sheet.reviewed', { language: t(`encounters.languages.${lang}`) })}
        </label>
      )}
      <ErrorMessage error={setReviewed.error} />
      {(info.isPending || pending) && <Loading />}
      <ErrorMessage error={info.error} onRetry={() => void info.refetch()} />
      {info.data && !pending && (
        <article className="sheet">
          {pages.map((l) => (
            <ConsentSheetPage
              key={l}
              lang={l}
              reviewed={reviewedOf(l)}
              notice={info.data.notice}
              retentionMonths={info.data.retentionMonths}
              person={person}
            />
          ))}
        </article>
      )}
    </>
  );
}
