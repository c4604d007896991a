'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';

/** What a ConfirmDeleteDialog needs of useConfirmDelete, whatever is being deleted. */
export type ConfirmDelete = {
  dialog: { open: boolean; busy: boolean; onConfirm: () => void; onClose: () => void };
  error: Error | null;
};

/**
 * Delete after a confirmation: `ask(target)` opens the dialog for it, confirming runs `remove`.
 * Closing the dialog (Cancel, Escape, or once deleted) forgets the target and any failed attempt,
 * so it opens again without the last error.
 */
export function useConfirmDelete<T>({
  remove,
  onDeleted,
  keepOpen = false,
}: {
  remove: (target: T) => Promise<unknown>;
  onDeleted?: (target: T) => void;
  /** For a deletion that leaves the page: the dialog stays until the page goes. */
  keepOpen?: boolean;
}): ConfirmDelete & { target: T | null; ask: (target: T) => void } {
  const [target, setTarget] = useState<T | null>(null);
  const mutation = useMutation({
    mutationFn: remove,
    onSuccess: (_, deleted) => {
      if (!keepOpen) setTarget(null);
      onDeleted?.(deleted);
    },
  });
  return {
    target,
    ask: (next: T) => setTarget(() => next),
    error: mutation.error,
    dialog: {
      open: target !== null,
      busy: mutation.isPending,
      onConfirm: () => {
        if (target !== null) mutation.mutate(target);
      },
      onClose: () => {
        setTarget(null);
        mutation.reset();
      },
    },
  };
}
