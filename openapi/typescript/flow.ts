// A settings page's and a CRM's use of xs-mail through a client generated from openapi.yaml. `npm run check`
// type-checks it (no work-arounds: no hand-written headers, no fields a request cannot set); `npm run flow` runs it
// against BASE_URL (the service, or a validating proxy in front of it), with tokens from the dev mode's TOKEN_URL.
import createClient from "openapi-fetch";
import type { components, paths } from "./api";

type Schemas = components["schemas"];

const base = process.env.BASE_URL ?? "http://localhost:8080";
const tokens = process.env.TOKEN_URL ?? "http://localhost:8080/dev/token";
const org = process.env.ORG ?? `flow-${Date.now()}`;

async function token(query: string): Promise<string> {
  const answer = await fetch(`${tokens}?org=${org}&${query}`);
  return answer.text();
}

function expect(what: string, actual: unknown, expected: unknown): void {
  if (actual !== expected) {
    throw new Error(`${what}: expected ${String(expected)}, got ${String(actual)}`);
  }
  console.log(`ok  ${what}`);
}

function client(bearer: string) {
  return createClient<paths>({ baseUrl: base, headers: { Authorization: `Bearer ${bearer}` } });
}

async function userFlow(api: ReturnType<typeof client>): Promise<void> {
  const me = { path: { userId: "me" } };

  const templates = await api.GET("/api/v1/provider-templates", {});
  expect("templates are listed", templates.response.status, 200);
  const gmail = await api.GET("/api/v1/provider-templates/{id}", { params: { path: { id: "gmail" } } });
  expect("one template is read", gmail.data?.id, "gmail");
  const lookup = await api.GET("/api/v1/provider-templates/lookup", { params: { query: { email: "kari@gmail.com" } } });
  expect("a template is found for an address", lookup.response.status, 200);

  const profile: Schemas["SmtpProfileRequest"] = {
    useSharedServer: false, templateId: "gmail", host: "smtp.gmail.com", port: 587, security: "STARTTLS",
    authentication: true, username: "kari@gmail.com", password: "app-passord",
  };
  const saved = await api.PUT("/api/v1/users/{userId}/smtp-profile", { params: me, body: profile });
  expect("a profile is saved", saved.response.status, 200);
  const read = await api.GET("/api/v1/users/{userId}/smtp-profile", { params: me });
  const etag = read.response.headers.get("ETag") ?? "";
  if (read.data === undefined) {
    throw new Error("the profile is not read");
  }
  const back = await api.PUT("/api/v1/users/{userId}/smtp-profile", {
    params: { ...me, header: { "If-Match": etag } }, body: read.data,
  });
  expect("the profile read is sent back as it is, conditionally", back.response.status, 200);
  const stale = await api.PUT("/api/v1/users/{userId}/smtp-profile", {
    params: { ...me, header: { "If-Match": etag } }, body: { ...profile, port: 465, security: "SSL_TLS" },
  });
  expect("a write with a stale ETag is refused", stale.response.status, 412);
  const shared = await api.PUT("/api/v1/users/{userId}/smtp-profile", { params: me, body: { useSharedServer: true } });
  expect("the shared server is chosen", shared.data?.useSharedServer, true);

  const signatures = await api.PUT("/api/v1/users/{userId}/signatures", {
    params: me, body: { newMessage: { html: "<p><b>Kari Nordmann</b><br>XS Office AS</p>" }, replyForward: { text: "Kari" } },
  });
  expect("signatures are saved", signatures.response.status, 200);
  const readSignatures = await api.GET("/api/v1/users/{userId}/signatures", { params: me });
  if (readSignatures.data !== undefined) {
    const again = await api.PUT("/api/v1/users/{userId}/signatures", {
      params: { ...me, header: { "If-Match": readSignatures.response.headers.get("ETag") ?? "" } }, body: readSignatures.data,
    });
    expect("signatures read are sent back as they are", again.response.status, 200);
  }

  const preferences = await api.PUT("/api/v1/users/{userId}/mail-preferences", { params: me, body: { defaultBcc: "arkiv@firma.no" } });
  expect("a default BCC is saved", preferences.data?.defaultBcc, "arkiv@firma.no");
  if (preferences.data !== undefined) {
    const again = await api.PUT("/api/v1/users/{userId}/mail-preferences", { params: me, body: preferences.data });
    expect("preferences read are sent back as they are", again.response.status, 200);
  }

  const transport = await api.GET("/api/v1/users/{userId}/effective-transport", { params: me });
  expect("the route is shown", transport.response.status, 200);

  const sent = await api.POST("/api/v1/users/{userId}/messages", {
    params: { ...me, header: { "Idempotency-Key": `flow-${org}` } },
    body: { to: ["Ola Nordmann <ola@example.com>"], subject: "Tilbud", text: "Hei Ola", signature: true },
  });
  expect("a message is accepted", sent.response.status, 202);
  const later = await api.POST("/api/v1/users/{userId}/messages", {
    params: me, body: { to: ["ola@example.com"], subject: "Senere", text: "Hei", sendAt: new Date(Date.now() + 86_400_000).toISOString() },
  });
  expect("a message is scheduled", later.response.status, 202);
  const id = later.data?.id ?? "";
  const one = await api.GET("/api/v1/users/{userId}/messages/{id}", { params: { path: { userId: "me", id } } });
  expect("a message is read", one.data?.id, id);
  const cancelled = await api.DELETE("/api/v1/users/{userId}/messages/{id}", { params: { path: { userId: "me", id } } });
  expect("a scheduled message is cancelled", cancelled.response.status, 200);
  const list = await api.GET("/api/v1/users/{userId}/messages", { params: { ...me, query: { page: 0, size: 20 } } });
  expect("messages are listed", list.response.status, 200);
  const last = await api.GET("/api/v1/users/{userId}/messages", { params: { ...me, query: { page: 100_000, size: 100 } } });
  expect("the last page there can be is empty", last.data?.length, 0);
}

async function adminFlow(api: ReturnType<typeof client>): Promise<void> {
  const path = { path: { orgId: org } };
  const senders = await api.PUT("/api/v1/organizations/{orgId}/sender-addresses", {
    params: path, body: { addresses: ["post@firma.no", "faktura@firma.no"] },
  });
  expect("sender addresses are saved", senders.response.status, 200);
  if (senders.data !== undefined) {
    const again = await api.PUT("/api/v1/organizations/{orgId}/sender-addresses", {
      params: { ...path, header: { "If-Match": senders.response.headers.get("ETag") ?? "" } }, body: senders.data,
    });
    expect("sender addresses read are sent back as they are", again.response.status, 200);
  }

  const server: Schemas["SmtpServerRequest"] = {
    host: "smtp.firma.no", port: 587, security: "STARTTLS", authentication: true, username: "post@firma.no", password: "hemmelig",
  };
  const saved = await api.PUT("/api/v1/organizations/{orgId}/smtp-server", { params: path, body: server });
  expect("the organisation's server is saved", saved.response.status, 200);
  const read = await api.GET("/api/v1/organizations/{orgId}/smtp-server", { params: path });
  if (read.data !== undefined) {
    const again = await api.PUT("/api/v1/organizations/{orgId}/smtp-server", {
      params: { ...path, header: { "If-Match": read.response.headers.get("ETag") ?? "" } }, body: read.data,
    });
    expect("the server read is sent back as it is", again.response.status, 200);
  }
  const removed = await api.DELETE("/api/v1/organizations/{orgId}/smtp-server", { params: path });
  expect("the organisation's server is removed", removed.response.status, 204);

  const events: Schemas["EventType"][] = ["message.sent", "message.failed"];
  const hook = await api.POST("/api/v1/organizations/{orgId}/webhooks", {
    params: path, body: { url: "https://crm.xs-office.no/hooks/mail", events },
  });
  expect("a webhook is created", hook.response.status, 201);
  const hookId = hook.data?.id ?? "";
  const hooks = await api.GET("/api/v1/organizations/{orgId}/webhooks", { params: path });
  expect("webhooks are listed", hooks.data?.length, 1);
  const changed = await api.PUT("/api/v1/organizations/{orgId}/webhooks/{id}", {
    params: { path: { orgId: org, id: hookId } }, body: { url: "https://crm.xs-office.no/hooks/mail2", events: ["message.bounced"] },
  });
  expect("a webhook is changed", changed.response.status, 200);
  const gone = await api.DELETE("/api/v1/organizations/{orgId}/webhooks/{id}", { params: { path: { orgId: org, id: hookId } } });
  expect("a webhook is removed", gone.response.status, 204);

  const domain = await api.POST("/api/v1/organizations/{orgId}/sending-domains", { params: path, body: { domain: "firma.no" } });
  expect("a sending domain is added", domain.response.status, 201);
  const domains = await api.GET("/api/v1/organizations/{orgId}/sending-domains", { params: path });
  expect("sending domains are listed", domains.data?.length, 1);
  const dropped = await api.DELETE("/api/v1/organizations/{orgId}/sending-domains/{domain}", {
    params: { path: { orgId: org, domain: "firma.no" } },
  });
  expect("a sending domain is removed", dropped.response.status, 204);
}

await userFlow(client(await token("user=kari&email=kari@firma.no&name=Kari%20Nordmann")));
await adminFlow(client(await token("user=per&role=org-admin")));
