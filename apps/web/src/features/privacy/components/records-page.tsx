import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/ui.tsx';
import { PageState } from '../../../components/page-state.tsx';
import { privacyQueries } from '../api/privacy-queries.ts';
import { useFormat } from '../../../lib/format.ts';

/** Record of processing activities (GDPR Art. 30), generated from the live configuration. */
export function RecordsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const records = useQuery(privacyQueries.records());
  const at = (iso: string) => fmt.dateTime(iso, 'long');
  return (
    <>
      <PageHeader
        title={t('privacy.records.title')}
        subtitle={t('privacy.records.subtitle')}
        actions={
          <button type="button" className="btn no-print" onClick={() => window.print()}>
            {t('privacy.records.print')}
          </button>
        }
      />
      <PageState query={records}>
        {(data) => (
          <>
            <p className="muted small">
              {t('privacy.records.generated', { at: at(data.generatedAt) })}
            </p>
            {data.activities.map((a) => (
              <section key={a.key} className="panel records-activity">
                <h2>{t(`privacy.records.activities.${a.key}.name`)}</h2>
                <dl className="detail-list">
                  <dt>{t('privacy.records.purpose')}</dt>
                  <dd>{t(`privacy.records.activities.${a.key}.purpose`)}</dd>
                  <dt>{t('privacy.records.subjects')}</dt>
                  <dd>{t(`privacy.records.activities.${a.key}.subjects`)}</dd>
                  <dt>{t('privacy.records.legalBasis')}</dt>
                  <dd>{t(`privacy.records.legalBases.${a.legalBasis}`)}</dd>
                  <dt>{t('privacy.records.roles')}</dt>
                  <dd>{a.rolesWithAccess.map((r) => t(`roles.${r}`)).join(', ')}</dd>
                  <dt>{t('privacy.records.retention')}</dt>
                  <dd>
                    {t(`privacy.records.retentionKinds.${a.retention.kind}`, {
                      months: a.retention.months,
                    })}
                  </dd>
                  <dt>{t('privacy.records.rows')}</dt>
                  <dd>{fmt.num(a.rows)}</dd>
                  <dt>{t('privacy.records.fields')}</dt>
                  <dd>
                    <code className="records-fields">{a.fields.join(', ')}</code>
                  </dd>
                </dl>
              </section>
            ))}
            <section className="panel">
              <h2>{t('privacy.records.excludedTitle')}</h2>
              <p>
                {t('privacy.records.excluded', {
                  list: data.excludedCategories
                    .map((c) => t(`privacy.records.categories.${c}`))
                    .join(', '),
                })}
              </p>
              <h2>{t('privacy.records.measuresTitle')}</h2>
              <ul>
                {(
                  ['transport', 'access', 'audit', 'minimisation', 'suppression', 'backup'] as const
                ).map((m) => (
                  <li key={m}>{t(`privacy.records.measures.${m}`)}</li>
                ))}
              </ul>
            </section>
          </>
        )}
      </PageState>
    </>
  );
}
