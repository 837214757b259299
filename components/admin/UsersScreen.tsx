"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Fragment, useState, type FormEvent } from "react";
import { useLocale } from "@/components/i18n/locale";
import { useTRPC } from "@/components/trpc/client";
import { ROLES, type Role } from "@/server/auth/permissions";
import { errorText, splitList } from "./error-text";

type Editing =
  | { id: string; mode: "access"; role: Role; teams: string; agent: string }
  | { id: string; mode: "password"; password: string };

const EMPTY_FORM = { email: "", displayName: "", role: "manager" as Role, teams: "", agent: "", password: "" };

/** Users: the list, a create form, and per-row role / scope changes, disabling and password resets. */
export function UsersScreen({ callerId, minPasswordLength }: { callerId: string; minPasswordLength: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t } = useLocale();
  const users = useQuery(trpc.admin.users.list.queryOptions());
  const [form, setForm] = useState(EMPTY_FORM);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.admin.users.list.queryKey() });

  const create = useMutation(
    trpc.admin.users.create.mutationOptions({
      onSuccess: (user) => {
        setNotice(t.userCreated.replace("{email}", user.email));
        setForm(EMPTY_FORM);
        void refresh();
      },
    }),
  );
  const update = useMutation(
    trpc.admin.users.update.mutationOptions({
      onSuccess: (user, variables) => {
        setActionError(null);
        setEditing(null);
        setNotice(t.userSaved.replace("{email}", user.email));
        // A new password of one's own ends one's own sessions too: reloading leads to the sign-in page.
        if (variables.id === callerId && variables.patch.password) window.location.reload();
        else void refresh();
      },
      onError: (error) => setActionError(errorText(error)),
    }),
  );

  const submitCreate = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    create.mutate({
      email: form.email,
      displayName: form.displayName,
      role: form.role,
      teamScope: splitList(form.teams),
      agentScope: form.role === "agent" ? form.agent : "",
      password: form.password,
    });
  };

  const submitEdit = (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    setNotice(null);
    if (editing.mode === "password") update.mutate({ id: editing.id, patch: { password: editing.password } });
    else
      update.mutate({
        id: editing.id,
        patch: { role: editing.role, teamScope: splitList(editing.teams), agentScope: editing.role === "agent" ? editing.agent : "" },
      });
  };

  const startEdit = (next: Editing) => {
    setActionError(null);
    setNotice(null);
    setEditing(next);
  };

  const roleOptions = ROLES.map((r) => (
    <option key={r} value={r}>
      {t[`role_${r}`]}
    </option>
  ));
  const rows = users.data ?? [];

  return (
    <main className="overview admin">
      <header className="page-header">
        <h1>{t.usersTitle}</h1>
      </header>

      <section className="panel" aria-label={t.userCreateTitle}>
        <h2>{t.userCreateTitle}</h2>
        <form className="admin-form" onSubmit={submitCreate} data-testid="user-create-form">
          <label>
            {t.email}
            <input type="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} data-testid="user-email" />
          </label>
          <label>
            {t.displayName}
            <input value={form.displayName} maxLength={200} onChange={(e) => setForm({ ...form, displayName: e.target.value })} data-testid="user-name" />
          </label>
          <label>
            {t.role}
            <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })} data-testid="user-role">
              {roleOptions}
            </select>
          </label>
          <label title={t.teamsHint}>
            {t.teams}
            <input value={form.teams} placeholder={t.teamsHint} onChange={(e) => setForm({ ...form, teams: e.target.value })} data-testid="user-teams" />
          </label>
          {form.role === "agent" && (
            <label>
              {t.agentScope}
              <input required value={form.agent} placeholder={t.agentScopeHint} onChange={(e) => setForm({ ...form, agent: e.target.value })} data-testid="user-agent" />
            </label>
          )}
          <label>
            {t.initialPassword}
            <input
              type="password"
              autoComplete="new-password"
              required
              minLength={minPasswordLength}
              placeholder={t.passwordHint.replace("{n}", String(minPasswordLength))}
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.target.value })}
              data-testid="user-password"
            />
          </label>
          <button type="submit" className="btn primary" disabled={create.isPending} data-testid="user-create-submit">
            {create.isPending ? t.loading : t.create}
          </button>
        </form>
        {create.error && (
          <p className="error" role="alert" data-testid="user-create-error">
            {errorText(create.error)}
          </p>
        )}
      </section>

      {notice && (
        <p className="notice ok" role="status" data-testid="admin-notice">
          {notice}
        </p>
      )}
      {actionError && (
        <p className="error" role="alert" data-testid="admin-error">
          {actionError}
        </p>
      )}

      <section className="panel" aria-label={t.usersTitle}>
        {users.isPending && <p className="muted" role="status">{t.loading}</p>}
        {users.error && (
          <p className="error" role="alert">
            {t.couldNotLoad}: {errorText(users.error)}
          </p>
        )}
        {users.data && rows.length === 0 && <p className="empty">{t.noUsers}</p>}
        {rows.length > 0 && (
          <div className="table-wrap">
            <table className="admin-table" data-testid="users-table">
              <thead>
                <tr>
                  <th>{t.email}</th>
                  <th>{t.displayName}</th>
                  <th>{t.role}</th>
                  <th>{t.teams}</th>
                  <th>{t.agentScope}</th>
                  <th>{t.status}</th>
                  <th>{t.createdAt} (UTC)</th>
                  <th>{t.actions}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((u) => {
                  const self = u.id === callerId;
                  const edit = editing?.id === u.id ? editing : null;
                  return (
                    <Fragment key={u.id}>
                      <tr data-testid="user-row" data-email={u.email} className={u.disabled ? "is-disabled" : undefined}>
                        <td>
                          {u.email}
                          {self && <span className="muted"> ({t.you})</span>}
                        </td>
                        <td>{u.displayName}</td>
                        <td>{t[`role_${u.role}`]}</td>
                        <td title={u.teamScope.join(", ")}>{u.teamScope.length ? u.teamScope.join(", ") : <span className="muted">{t.allTeams}</span>}</td>
                        <td>{u.agentScope || <span className="muted">—</span>}</td>
                        <td data-testid="user-status">{u.disabled ? t.statusDisabled : t.statusActive}</td>
                        <td>{u.createdAt}</td>
                        <td className="row-actions">
                          <button
                            type="button"
                            className="btn"
                            onClick={() => startEdit({ id: u.id, mode: "access", role: u.role, teams: u.teamScope.join(", "), agent: u.agentScope })}
                            data-testid="user-change-role"
                          >
                            {t.changeRole}
                          </button>
                          <button
                            type="button"
                            className={u.disabled ? "btn" : "btn danger"}
                            disabled={(self && !u.disabled) || update.isPending}
                            title={self && !u.disabled ? t.selfDisableNote : undefined}
                            onClick={() => {
                              if (!u.disabled && !window.confirm(t.confirmDisable.replace("{email}", u.email))) return;
                              setActionError(null);
                              setNotice(null);
                              update.mutate({ id: u.id, patch: { disabled: !u.disabled } });
                            }}
                            data-testid="user-toggle-disabled"
                          >
                            {u.disabled ? t.enable : t.disable}
                          </button>
                          <button type="button" className="btn" onClick={() => startEdit({ id: u.id, mode: "password", password: "" })} data-testid="user-reset-password">
                            {t.resetPassword}
                          </button>
                        </td>
                      </tr>
                      {edit && (
                        <tr className="edit-row">
                          <td colSpan={8}>
                            <form className="admin-form" onSubmit={submitEdit} data-testid={edit.mode === "password" ? "user-password-form" : "user-edit-form"}>
                              <strong>{u.email}</strong>
                              {edit.mode === "password" ? (
                                <label>
                                  {t.newPassword}
                                  <input
                                    type="password"
                                    autoComplete="new-password"
                                    required
                                    autoFocus
                                    minLength={minPasswordLength}
                                    placeholder={t.passwordHint.replace("{n}", String(minPasswordLength))}
                                    value={edit.password}
                                    onChange={(e) => setEditing({ ...edit, password: e.target.value })}
                                    data-testid="user-new-password"
                                  />
                                </label>
                              ) : (
                                <>
                                  <label>
                                    {t.role}
                                    <select value={edit.role} onChange={(e) => setEditing({ ...edit, role: e.target.value as Role })} data-testid="user-edit-role">
                                      {roleOptions}
                                    </select>
                                  </label>
                                  <label title={t.teamsHint}>
                                    {t.teams}
                                    <input value={edit.teams} placeholder={t.teamsHint} onChange={(e) => setEditing({ ...edit, teams: e.target.value })} data-testid="user-edit-teams" />
                                  </label>
                                  {edit.role === "agent" && (
                                    <label>
                                      {t.agentScope}
                                      <input
                                        required
                                        value={edit.agent}
                                        placeholder={t.agentScopeHint}
                                        onChange={(e) => setEditing({ ...edit, agent: e.target.value })}
                                        data-testid="user-edit-agent"
                                      />
                                    </label>
                                  )}
                                </>
                              )}
                              <button type="submit" className="btn primary" disabled={update.isPending} data-testid="user-save">
                                {update.isPending ? t.loading : t.save}
                              </button>
                              <button type="button" className="btn" onClick={() => setEditing(null)}>
                                {t.cancel}
                              </button>
                            </form>
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}
