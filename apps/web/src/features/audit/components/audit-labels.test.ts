import { describe, expect, it } from 'vitest';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogues } from '../../../i18n/resources.ts';
import { reasonLabel } from './audit-labels.ts';

await i18n.use(initReactI18next).init({
  lng: 'de',
  resources: { de: { translation: catalogues.de! } },
  interpolation: { escapeValue: false },
});

describe('reasonLabel', () => {
  it('turns the API’s English reasons into German catalogue labels', () => {
    const t = i18n.t.bind(i18n);
    expect(reasonLabel(t, 'out-of-view list (39)')).toBe('Liste „Aus dem Blick“ (39)');
    expect(reasonLabel(t, 'search (1)')).toBe('Suche (1 Treffer)');
    expect(reasonLabel(t, 'participant 328: follow_up_contact')).toBe(
      'Einwilligung: Kontakt und Nachgehen',
    );
    expect(reasonLabel(t, 'participant 12')).toBeNull();
    expect(reasonLabel(t, 'correction: Uhrzeit')).toBe('correction: Uhrzeit');
  });
});
