"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useLocale } from "@/components/i18n/locale";
import { useTRPC } from "@/components/trpc/client";
import { errorText } from "./error-text";

/** API keys for the HTTP push: the list, a create form that shows a new key once, and revoking. */
export function KeysScreen() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t } = useLocale();
  const keys = useQuery(trpc.admin.keys.list.queryOptions());
  const [source, setSource] = useState("");
  const [created, setCreated] = useState<{ id: string; key: string; source: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.admin.keys.list.queryKey() });

  const create = useMutation(
    trpc.admin.keys.create.mutationOptions({
      onSuccess: (result, variables) => {
        setCreated({ ...result, source: variables.source });
        setCopied(false);
        setSource("");
        void refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.admin.keys.revoke.mutationOptions({
      onSuccess: () => {
        setActionError(null);
        void refresh();
      },
      onError: (error) => setActionError(errorText(error)),
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    create.mutate({ source: source.trim() });
  };

  const copy = async (key: string) => {
    try {
      await navigator.clipboard.writeText(key);
      setCopied(true);
    } catch {
      // No clipboard (plain http): the key stays selectable on screen.
    }
  };

  const rows = [...(keys.data ?? [])].reverse();

  return (
    <main className="overview admin">
      <header className="page-header">
        <h1>{t.keysTitle}</h1>
      </header>

      <section className="panel" aria-label={t.keyCreateTitle}>
        <h2>{t.keyCreateTitle}</h2>
        <form className="admin-form" onSubmit={submit} data-testid="key-create-form">
          <label>
            {t.source}
            <input
              required
              value={source}
              maxLength={64}
              pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}"
              placeholder="zendesk-eu"
              onChange={(e) => setSource(e.target.value)}
              data-testid="key-source"
            />
          </label>
          <button type="submit" className="btn primary" disabled={create.isPending} data-testid="key-create-submit">
            {create.isPending ? t.loading : t.create}
          </button>
        </form>
        {create.error && (
          <p className="error" role="alert" data-testid="key-create-error">
            {errorText(create.error)}
          </p>
        )}
        {created && (
          <div className="key-once" role="status" data-testid="new-key-box">
            <p>
              <strong>{created.source}</strong> · {t.newKeyNote}
            </p>
            <code data-testid="new-key">{created.key}</code>
            <div className="row-actions">
              <button type="button" className="btn" onClick={() => void copy(created.key)} data-testid="new-key-copy">
                {copied ? t.copied : t.copy}
              </button>
              <button type="button" className="btn" onClick={() => setCreated(null)} data-testid="new-key-dismiss">
                {t.dismiss}
              </button>
            </div>
          </div>
        )}
      </section>

      {actionError && (
        <p className="error" role="alert" data-testid="admin-error">
          {actionError}
        </p>
      )}

      <section className="panel" aria-label={t.keysTitle}>
        {keys.isPending && <p className="muted" role="status">{t.loading}</p>}
        {keys.error && (
          <p className="error" role="alert">
            {t.couldNotLoad}: {errorText(keys.error)}
          </p>
        )}
        {keys.data && rows.length === 0 && <p className="empty">{t.noKeys}</p>}
        {rows.length > 0 && (
          <div className="table-wrap">
            <table className="admin-table" data-testid="keys-table">
              <thead>
                <tr>
                  <th>{t.keyId}</th>
                  <th>{t.source}</th>
                  <th>{t.createdBy}</th>
                  <th>{t.createdAt} (UTC)</th>
                  <th>{t.lastUsed} (UTC)</th>
                  <th>{t.revokedAt} (UTC)</th>
                  <th>{t.actions}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((k) => (
                  <tr key={k.id} data-testid="key-row" data-key-id={k.id} className={k.revoked_at ? "is-disabled" : undefined}>
                    <td>
                      <code>{k.id}</code>
                    </td>
                    <td>{k.source}</td>
                    <td title={k.created_by}>{k.createdByEmail || k.created_by}</td>
                    <td>{k.created_at}</td>
                    <td>{k.last_used_at ?? <span className="muted">{t.never}</span>}</td>
                    <td data-testid="key-revoked">{k.revoked_at ?? <span className="muted">—</span>}</td>
                    <td className="row-actions">
                      {!k.revoked_at && (
                        <button
                          type="button"
                          className="btn danger"
                          disabled={revoke.isPending}
                          onClick={() => {
                            if (!window.confirm(t.confirmRevoke.replace("{id}", k.id).replace("{source}", k.source))) return;
                            revoke.mutate({ id: k.id });
                          }}
                          data-testid="key-revoke"
                        >
                          {t.revoke}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}
