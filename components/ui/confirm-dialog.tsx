'use client';

import { type ReactNode, useEffect, useRef } from 'react';

import { ErrorState } from './states';
import type { ConfirmDelete } from './use-confirm-delete';

/** A native <dialog>: focus is trapped and Escape closes it, keyboard users included. */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);
  return (
    <dialog ref={ref} onClose={props.onClose} aria-labelledby="confirm-title">
      <h2 id="confirm-title">{props.title}</h2>
      <div>{props.children}</div>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={props.onClose} disabled={props.busy}>
          Cancel
        </button>
        <button type="button" className="btn btn-danger" onClick={props.onConfirm} disabled={props.busy}>
          {props.busy ? 'Working…' : props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

/** The dialog of useConfirmDelete: what will go, and why the deletion failed if it did. */
export function ConfirmDeleteDialog({
  confirm,
  title,
  confirmLabel,
  children,
}: {
  confirm: ConfirmDelete;
  title: string;
  confirmLabel: string;
  children: ReactNode;
}) {
  return (
    <ConfirmDialog {...confirm.dialog} title={title} confirmLabel={confirmLabel}>
      {children}
      {confirm.error ? <ErrorState error={confirm.error} /> : null}
    </ConfirmDialog>
  );
}
