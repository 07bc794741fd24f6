import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import type { Role } from '@begegnung/domain';
import { AppShell } from '../components/app-shell.tsx';
import { Loading } from '../components/ui.tsx';
import { LoginPage } from '../features/auth/components/login-page.tsx';
import { RequireAuth } from './require-auth.tsx';
import { RouteError } from './route-error.tsx';
import { HomeRedirect } from './home-redirect.tsx';

// Admin and audit screens are split off so the everyday screens load fast on phones.
const CentreList = lazy(() =>
  import('../features/centres/components/centre-list.tsx').then((m) => ({ default: m.CentreList })),
);
const CentreDetail = lazy(() =>
  import('../features/centres/components/centre-detail.tsx').then((m) => ({
    default: m.CentreDetail,
  })),
);
const CentreForm = lazy(() =>
  import('../features/centres/components/centre-form.tsx').then((m) => ({ default: m.CentreForm })),
);
const OperatorPage = lazy(() =>
  import('../features/operators/components/operator-page.tsx').then((m) => ({
    default: m.OperatorPage,
  })),
);
const UserList = lazy(() =>
  import('../features/users/components/user-list.tsx').then((m) => ({ default: m.UserList })),
);
const UserCreate = lazy(() =>
  import('../features/users/components/user-form.tsx').then((m) => ({ default: m.UserCreate })),
);
const UserEdit = lazy(() =>
  import('../features/users/components/user-form.tsx').then((m) => ({ default: m.UserEdit })),
);
const SubjectRequests = lazy(() =>
  import('../features/privacy/components/subject-requests.tsx').then((m) => ({
    default: m.SubjectRequests,
  })),
);
const RetentionPage = lazy(() =>
  import('../features/privacy/components/retention-page.tsx').then((m) => ({
    default: m.RetentionPage,
  })),
);
const RecordsPage = lazy(() =>
  import('../features/privacy/components/records-page.tsx').then((m) => ({
    default: m.RecordsPage,
  })),
);
const AuditLog = lazy(() =>
  import('../features/audit/components/audit-log.tsx').then((m) => ({ default: m.AuditLog })),
);

// Posts, scenarios, comparison and cost assumptions (admin configures, coordinator compares).
const postsFeature = () => import('../features/posts/components/index.ts');
const PostList = lazy(() => postsFeature().then((m) => ({ default: m.PostList })));
const PostForm = lazy(() => postsFeature().then((m) => ({ default: m.PostForm })));
const PostDetail = lazy(() => postsFeature().then((m) => ({ default: m.PostDetail })));
const ScenarioList = lazy(() => postsFeature().then((m) => ({ default: m.ScenarioList })));
const ScenarioDetail = lazy(() => postsFeature().then((m) => ({ default: m.ScenarioDetail })));
const ComparisonPage = lazy(() => postsFeature().then((m) => ({ default: m.ComparisonPage })));
const ComparisonPrint = lazy(() => postsFeature().then((m) => ({ default: m.ComparisonPrint })));
const CostAssumptions = lazy(() => postsFeature().then((m) => ({ default: m.CostAssumptions })));
const STAFFING: Role[] = ['admin', 'coordinator'];
// Hiring: HR runs procedures; panel members and oversight see the ones they are assigned to.
const hiringFeature = () => import('../features/hiring/components/index.ts');
const VacancyList = lazy(() => hiringFeature().then((m) => ({ default: m.VacancyList })));
const VacancyCreate = lazy(() => hiringFeature().then((m) => ({ default: m.VacancyCreate })));
const VacancyDetail = lazy(() => hiringFeature().then((m) => ({ default: m.VacancyDetail })));
const ApplicationDetail = lazy(() =>
  hiringFeature().then((m) => ({ default: m.ApplicationDetail })),
);
const HIRING: Role[] = ['admin', 'panel_member', 'oversight'];
// Participants and encounters: the logging screen is its own small chunk (phone start page).
const LogToday = lazy(() =>
  import('../features/encounters/components/log-today.tsx').then((m) => ({ default: m.LogToday })),
);
const ParticipantList = lazy(() =>
  import('../features/encounters/components/participant-list.tsx').then((m) => ({
    default: m.ParticipantList,
  })),
);
const ParticipantDetail = lazy(() =>
  import('../features/encounters/components/participant-detail.tsx').then((m) => ({
    default: m.ParticipantDetail,
  })),
);
const EncounterList = lazy(() =>
  import('../features/encounters/components/encounter-list.tsx').then((m) => ({
    default: m.EncounterList,
  })),
);
const EncounterDetail = lazy(() =>
  import('../features/encounters/components/encounter-list.tsx').then((m) => ({
    default: m.EncounterDetail,
  })),
);
const FollowUpList = lazy(() =>
  import('../features/encounters/components/follow-up-list.tsx').then((m) => ({
    default: m.FollowUpList,
  })),
);
const ConsentSheet = lazy(() =>
  import('../features/encounters/components/consent-sheet.tsx').then((m) => ({
    default: m.ConsentSheet,
  })),
);
const ActivityAdmin = lazy(() =>
  import('../features/encounters/components/activity-admin.tsx').then((m) => ({
    default: m.ActivityAdmin,
  })),
);

// Dashboard, out-of-view list, council report, programme settings: one lazy chunk with the
// charts, so recharts never lands in the bundle of the encounter-logging screen.
const DashboardPage = lazy(() =>
  import('../features/dashboard/components/dashboard-page.tsx').then((m) => ({
    default: m.DashboardPage,
  })),
);
const OutOfViewPage = lazy(() =>
  import('../features/dashboard/components/out-of-view-page.tsx').then((m) => ({
    default: m.OutOfViewPage,
  })),
);
const ReportPage = lazy(() =>
  import('../features/dashboard/components/report-page.tsx').then((m) => ({
    default: m.ReportPage,
  })),
);
const SettingsPage = lazy(() =>
  import('../features/dashboard/components/settings-page.tsx').then((m) => ({
    default: m.SettingsPage,
  })),
);
const AccountPage = lazy(() =>
  import('../features/auth/components/account-page.tsx').then((m) => ({
    default: m.AccountPage,
  })),
);
const ImportPage = lazy(() =>
  import('../features/imports/components/import-page.tsx').then((m) => ({
    default: m.ImportPage,
  })),
);
const STEERING: Role[] = ['coordinator', 'centre_staff'];

const page = (node: ReactNode) => <Suspense fallback={<Loading />}>{node}</Suspense>;

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  {
    // Printable comparison: no app shell, print CSS in styles.css.
    path: '/comparison/print',
    element: <RequireAuth roles={STAFFING}>{page(<ComparisonPrint />)}</RequireAuth>,
    errorElement: <RouteError />,
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomeRedirect /> },
      {
        path: 'today',
        element: <RequireAuth roles={['centre_staff']}>{page(<LogToday />)}</RequireAuth>,
      },
      {
        path: 'participants',
        element: (
          <RequireAuth roles={['centre_staff', 'coordinator']}>
            {page(<ParticipantList />)}
          </RequireAuth>
        ),
      },
      {
        path: 'participants/:id',
        element: (
          <RequireAuth roles={['centre_staff', 'coordinator']}>
            {page(<ParticipantDetail />)}
          </RequireAuth>
        ),
      },
      {
        path: 'encounters',
        element: (
          <RequireAuth roles={['centre_staff', 'coordinator']}>
            {page(<EncounterList />)}
          </RequireAuth>
        ),
      },
      {
        path: 'encounters/:id',
        element: (
          <RequireAuth roles={['centre_staff', 'coordinator']}>
            {page(<EncounterDetail />)}
          </RequireAuth>
        ),
      },
      {
        path: 'follow-ups',
        element: (
          <RequireAuth roles={['centre_staff', 'coordinator']}>
            {page(<FollowUpList />)}
          </RequireAuth>
        ),
      },
      {
        path: 'import',
        element: <RequireAuth roles={['centre_staff']}>{page(<ImportPage />)}</RequireAuth>,
      },
      {
        path: 'dashboard',
        element: <RequireAuth roles={STEERING}>{page(<DashboardPage />)}</RequireAuth>,
      },
      {
        path: 'out-of-view',
        element: <RequireAuth roles={STEERING}>{page(<OutOfViewPage />)}</RequireAuth>,
      },
      {
        path: 'report',
        element: <RequireAuth roles={STEERING}>{page(<ReportPage />)}</RequireAuth>,
      },
      {
        path: 'settings',
        element: <RequireAuth roles={['admin']}>{page(<SettingsPage />)}</RequireAuth>,
      },
      { path: 'consent-sheet', element: <Navigate to="/consent-sheet/de" replace /> },
      { path: 'consent-sheet/:lang', element: page(<ConsentSheet />) },
      {
        path: 'activities',
        element: <RequireAuth roles={['admin']}>{page(<ActivityAdmin />)}</RequireAuth>,
      },
      { path: 'centres', element: page(<CentreList />) },
      {
        path: 'centres/new',
        element: <RequireAuth roles={['admin']}>{page(<CentreForm />)}</RequireAuth>,
      },
      { path: 'centres/:id', element: page(<CentreDetail />) },
      {
        path: 'operators',
        element: <RequireAuth roles={['admin']}>{page(<OperatorPage />)}</RequireAuth>,
      },
      { path: 'users', element: <RequireAuth roles={['admin']}>{page(<UserList />)}</RequireAuth> },
      {
        path: 'users/new',
        element: <RequireAuth roles={['admin']}>{page(<UserCreate />)}</RequireAuth>,
      },
      {
        path: 'users/:id',
        element: <RequireAuth roles={['admin']}>{page(<UserEdit />)}</RequireAuth>,
      },
      { path: 'account', element: page(<AccountPage />) },
      {
        path: 'audit',
        element: <RequireAuth roles={['data_protection']}>{page(<AuditLog />)}</RequireAuth>,
      },
      {
        path: 'privacy',
        element: <RequireAuth roles={['data_protection']}>{page(<SubjectRequests />)}</RequireAuth>,
      },
      {
        path: 'retention',
        element: <RequireAuth roles={['data_protection']}>{page(<RetentionPage />)}</RequireAuth>,
      },
      {
        path: 'records',
        element: (
          <RequireAuth roles={['data_protection', 'admin']}>{page(<RecordsPage />)}</RequireAuth>
        ),
      },
      { path: 'posts', element: <RequireAuth roles={STAFFING}>{page(<PostList />)}</RequireAuth> },
      {
        path: 'posts/new',
        element: <RequireAuth roles={['admin']}>{page(<PostForm />)}</RequireAuth>,
      },
      {
        path: 'posts/:id',
        element: <RequireAuth roles={STAFFING}>{page(<PostDetail />)}</RequireAuth>,
      },
      {
        path: 'scenarios',
        element: <RequireAuth roles={STAFFING}>{page(<ScenarioList />)}</RequireAuth>,
      },
      {
        path: 'scenarios/:id',
        element: <RequireAuth roles={STAFFING}>{page(<ScenarioDetail />)}</RequireAuth>,
      },
      {
        path: 'comparison',
        element: <RequireAuth roles={STAFFING}>{page(<ComparisonPage />)}</RequireAuth>,
      },
      {
        path: 'costs',
        element: <RequireAuth roles={STAFFING}>{page(<CostAssumptions />)}</RequireAuth>,
      },
      {
        path: 'vacancies',
        element: <RequireAuth roles={HIRING}>{page(<VacancyList />)}</RequireAuth>,
      },
      {
        path: 'vacancies/new',
        element: <RequireAuth roles={['admin']}>{page(<VacancyCreate />)}</RequireAuth>,
      },
      {
        path: 'vacancies/:id',
        element: <RequireAuth roles={HIRING}>{page(<VacancyDetail />)}</RequireAuth>,
      },
      {
        path: 'vacancies/:id/applications/:applicationId',
        element: (
          <RequireAuth roles={['admin', 'panel_member']}>{page(<ApplicationDetail />)}</RequireAuth>
        ),
      },
      { path: '*', element: <RouteError notFound /> },
    ],
  },
]);
