import { useTranslation } from 'react-i18next';
import type { SelectionRecord } from '@begegnung/domain';
import { useFormat } from '../../../lib/format.ts';

type Late = SelectionRecord['candidates'][number]['lateCards'];

/** "Paula Panel (version 2, after seeing others' cards on 28/11/2026, 10:00)", joined. */
export function LateCards({ cards }: { cards: Late }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <>
      {cards
        .map((l) =>
          t('hiring.late.entry', {
            name: l.memberName,
            revision: l.revision,
            date: f.dateTime(l.seenOthersAt),
          }),
        )
        .join('; ')}
    </>
  );
}
