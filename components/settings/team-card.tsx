'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { endpoints, type Member } from '@/components/query/endpoints';
import { queryKeys } from '@/components/query/keys';
import { ConfirmDeleteDialog } from '@/components/ui/confirm-dialog';
import { formatDateTime } from '@/components/ui/format';
import { QueryView } from '@/components/ui/query-view';
import { ErrorState } from '@/components/ui/states';
import { useConfirmDelete } from '@/components/ui/use-confirm-delete';

import { AddMemberForm } from './add-member-form';

export function TeamCard({ me, ssoEnabled }: { me: { id: string; role: Member['role'] }; ssoEnabled: boolean }) {
  const queryClient = useQueryClient();
  const canEdit = me.role !== 'viewer';
  const isOwner = me.role === 'owner';
  const members = useQuery({
    queryKey: queryKeys.admins(),
    queryFn: () => endpoints.admins.list().then((r) => r.admins),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.admins() });
  const changeRole = useMutation({
    mutationFn: (v: { id: string; role: Member['role'] }) => endpoints.admins.update(v.id, { role: v.role }),
    onSettled: refresh,
  });
  const remove = useConfirmDelete({
    remove: (member: Member) => endpoints.admins.remove(member.id),
    onDeleted: refresh,
  });

  return (
    <>
      <section className="card" aria-labelledby="team-title">
        <div className="card-header">
          <h2 id="team-title">Members</h2>
        </div>
        {changeRole.error ? <ErrorState error={changeRole.error} /> : null}
        <QueryView query={members} loadingLabel="Loading team">
          {(list) => (
            <table className="table" aria-label="Team members">
              <thead>
                <tr>
                  <th>Email</th>
                  <th>Name</th>
                  <th>Role</th>
                  <th>Last sign-in</th>
                  {canEdit ? <th aria-label="Actions" /> : null}
                </tr>
              </thead>
              <tbody>
                {list.map((m) => {
                  const editable = canEdit && m.id !== me.id && (isOwner || m.role !== 'owner');
                  return (
                    <tr key={m.id}>
                      <td>
                        {m.email}
                        {m.id === me.id ? <span className="muted"> (you)</span> : null}
                      </td>
                      <td>{m.name ?? '—'}</td>
                      <td>
                        {editable ? (
                          <select
                            aria-label={`Role of ${m.email}`}
                            value={m.role}
                            disabled={changeRole.isPending}
                            onChange={(e) => changeRole.mutate({ id: m.id, role: e.target.value as Member['role'] })}
                          >
                            <option value="viewer">viewer</option>
                            <option value="admin">admin</option>
                            {isOwner ? <option value="owner">owner</option> : null}
                          </select>
                        ) : (
                          <span className="badge badge-muted">{m.role}</span>
                        )}
                      </td>
                      <td>{formatDateTime(m.lastSignInAt, 'never')}</td>
                      {canEdit ? (
                        <td>
                          {editable ? (
                            <button type="button" className="btn btn-danger" onClick={() => remove.ask(m)}>
                              Remove
                            </button>
                          ) : null}
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </QueryView>
      </section>
      <section className="card">
        {canEdit ? (
          <AddMemberForm canAddOwner={isOwner} ssoEnabled={ssoEnabled} onAdded={refresh} />
        ) : (
          <p className="alert alert-info">Viewers can see the team but not change it.</p>
        )}
      </section>
      <ConfirmDeleteDialog confirm={remove} title={`Remove ${remove.target?.email ?? ''}?`} confirmLabel="Remove member">
        <p>They are signed out at their next request and can no longer sign in.</p>
      </ConfirmDeleteDialog>
    </>
  );
}
