'use client';

import { useState } from 'react';

/**
 * Copies a secret shown once. Where the browser gives no clipboard (a page served over plain http
 * other than localhost) or refuses, it says so, so nobody leaves thinking the secret was copied.
 */
export function CopyButton({ text }: { text: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = () => {
    if (!navigator.clipboard) {
      setState('failed');
      return;
    }
    navigator.clipboard.writeText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };
  return (
    <>
      <button type="button" className="btn" onClick={copy}>
        {state === 'copied' ? 'Copied' : 'Copy'}
      </button>
      {state === 'failed' ? (
        <span className="field-error" role="alert">
          This browser did not allow copying: select the text above and copy it.
        </span>
      ) : null}
    </>
  );
}
