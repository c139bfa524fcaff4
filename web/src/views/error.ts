import { ApiError } from "../api.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";

/** A page failure shown in place, with the server's message (which never contains markup). */
export function errorBox(err: unknown): HTMLElement {
  const msg =
    err instanceof ApiError
      ? err.code === "no_store"
        ? t.noStore
        : err.status === 401
          ? t.needToken
        : err.status === 404
          ? `${t.notFound}: ${err.message}`
          : err.message
      : err instanceof Error
        ? err.message
        : String(err);
  return h("div", { class: "error", role: "alert" }, h("strong", null, t.error + ": "), msg);
}
