export { PostList } from './post-list.tsx';
export { PostForm } from './post-form.tsx';
export { PostDetail } from './post-detail.tsx';
export { ScenarioList } from './scenario-list.tsx';
export { ScenarioDetail } from './scenario-detail.tsx';
export { ComparisonPage, ComparisonPrint } from './comparison.tsx';
export { CostAssumptions } from './cost-assumptions.tsx';
