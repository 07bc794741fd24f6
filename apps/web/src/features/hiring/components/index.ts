export { VacancyList } from './vacancy-list.tsx';
export { VacancyCreate } from './vacancy-form.tsx';
export { VacancyDetail } from '../vacancy/vacancy-detail.tsx';
export { ApplicationDetail } from '../application/application-detail.tsx';
