import { useTranslation } from 'react-i18next';
import type { AdvertWarning, CriterionInput } from '@begegnung/domain';
import { Badge } from '../../../components/ui.tsx';
import { DataTable, type Column } from '../../../components/data-table.tsx';
import { criterionFindings } from './protected-criterion.tsx';

type Criterion = CriterionInput & { id?: number };

/** Criteria grouped as the law reads them: OR-options of one group shown together, ranked. */
export function CriteriaTable({ criteria }: { criteria: Criterion[] }) {
  const { t } = useTranslation();
  // The order is the criteria's rank (K1, K2 …), so the table is not sortable.
  const rows = criteria.map((c, i) => ({ c, no: i + 1 }));
  const columns: Column<(typeof rows)[number]>[] = [
    { key: 'no', header: t('hiring.criteria.no'), cell: ({ no }) => `K${no}` },
    {
      key: 'kind',
      header: t('hiring.criteria.kind'),
      cell: ({ c }) => (
        <Badge tone={c.kind === 'required' ? 'accent' : 'neutral'}>
          {t(`hiring.criteria.kinds.${c.kind}`)}
        </Badge>
      ),
    },
    {
      key: 'label',
      header: t('hiring.criteria.label'),
      cell: ({ c }) => (
        <>
          {c.label}
          {criterionFindings(c).length > 0 && (
            <div>
              <span className="hiring-must-invite">{t('hiring.protected.legacy')}</span>
            </div>
          )}
          {c.groupKey && (
            <div className="muted small">
              {t('hiring.criteria.orGroup', { group: c.groupKey, rank: c.rank })}
            </div>
          )}
        </>
      ),
    },
    {
      key: 'evidence',
      header: t('hiring.criteria.evidence'),
      cell: ({ c }) => t(`hiring.evidence.${c.evidenceType}`),
    },
    {
      key: 'weight',
      header: t('hiring.criteria.weight'),
      numeric: true,
      cell: ({ c }) => c.weight,
    },
  ];
  return (
    <DataTable
      label={t('hiring.criteria.title')}
      className="hiring-table hiring-criteria"
      rows={rows}
      rowKey={({ c, no }) => c.id ?? `new-${no}`}
      columns={columns}
    />
  );
}

/** Inline advert warnings; a live region while editing, plain text on the detail page. */
export function AdvertWarnings({
  warnings,
  live = true,
}: {
  warnings: AdvertWarning[];
  live?: boolean;
}) {
  const { t } = useTranslation();
  if (warnings.length === 0)
    return <p className="hiring-advert-ok small">{t('hiring.advert.ok')}</p>;
  return (
    <div
      className="alert alert-warning"
      {...(live && { role: 'status', 'aria-live': 'polite' as const })}
    >
      <p>
        <strong>{t('hiring.advert.title')}</strong>
      </p>
      <ul className="hiring-warnings">
        {warnings.map((w, i) => (
          <li key={`${w.code}${i}`}>
            {t(`hiring.advert.${w.code}`)}
            {w.match && <> („{w.match}“)</>}
          </li>
        ))}
      </ul>
    </div>
  );
}
