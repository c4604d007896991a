'use client';

import { parseAsString, useQueryState } from 'nuqs';

type Option = { slug: string; name: string; isDefault: boolean };

/** Switches the environment in the URL, keeping the page; the server re-renders for it. */
export function EnvironmentSwitcher({ environments }: { environments: Option[] }) {
  const fallback = environments.find((e) => e.isDefault)?.slug ?? '';
  const [env, setEnv] = useQueryState('env', parseAsString.withDefault('').withOptions({ shallow: false, history: 'push' }));
  const current = environments.some((e) => e.slug === env) ? env : fallback;
  return (
    <label className="form-row" style={{ alignItems: 'center' }}>
      <span className="muted">Environment</span>
      <select
        aria-label="Environment"
        value={current}
        onChange={(event) => {
          const slug = event.target.value;
          void setEnv(slug === fallback ? null : slug);
        }}
      >
        {environments.map((e) => (
          <option key={e.slug} value={e.slug}>
            {e.name}
          </option>
        ))}
      </select>
    </label>
  );
}
