// Message catalogues: every JSON file under locales/<lang>/ is merged into that language.
// Features add their own file (e.g. locales/de/posts.json with a top-level "posts" key)
// instead of editing a shared one.
type Tree = { [key: string]: string | Tree };

const files = import.meta.glob<Tree>('./locales/*/*.json', { eager: true, import: 'default' });

function merge(target: Tree, source: Tree): Tree {
  for (const [k, v] of Object.entries(source)) {
    const existing = target[k];
    target[k] =
      typeof v === 'object' && typeof existing === 'object' ? merge({ ...existing }, v) : v;
  }
  return target;
}

export const catalogues: Record<string, Tree> = {};
for (const [path, tree] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
  const lang = path.split('/')[2]!;
  catalogues[lang] = merge(catalogues[lang] ?? {}, tree);
}
