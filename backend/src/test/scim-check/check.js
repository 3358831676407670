// Runs a live appgraph's SCIM endpoints and checks every answer with SCIMMY, an independent SCIM 2.0
// implementation: users must coerce against its core User schema, lists must be valid ListResponse
// messages, refusals valid SCIM error responses. It creates, changes and deletes one person.
//   npm install && BASE=http://localhost:8080/scim/v2 TOKEN=<appgraph.scim.token> node check.js
const SCIMMY = require("scimmy").default ?? require("scimmy");
const base = process.env.BASE, token = process.env.TOKEN;
let checks = 0, failures = 0;
function ok(name, fn) { checks++; try { fn(); console.log("ok   " + name); } catch (e) { failures++; console.log("FAIL " + name + ": " + e.message); } }
async function call(method, path, body, auth = token) {
  const headers = { Accept: "application/scim+json" };
  if (auth) headers.Authorization = "Bearer " + auth;
  if (body) headers["Content-Type"] = "application/scim+json";
  const res = await fetch(base + path, { method, headers, body: body && JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, type: res.headers.get("content-type"), location: res.headers.get("location"), body: text ? JSON.parse(text) : null };
}
const user = (u) => SCIMMY.Schemas.User.definition.coerce(u, "out");
const list = (l) => { const m = new SCIMMY.Messages.ListResponse(l); if (m.totalResults !== l.totalResults) throw new Error("totalResults"); return m; };
const error = (r, status, scimType) => {
  if (r.status !== status) throw new Error(`status ${r.status}, wanted ${status}`);
  if (!r.body.schemas.includes("urn:ietf:params:scim:api:messages:2.0:Error")) throw new Error("not a SCIM error");
  new SCIMMY.Messages.ErrorResponse({ status: Number(r.body.status), scimType: r.body.scimType, detail: r.body.detail });
  if (String(status) !== r.body.status) throw new Error("status must be the string " + status);
  if (scimType && r.body.scimType !== scimType) throw new Error(`scimType ${r.body.scimType}, wanted ${scimType}`);
};
(async () => {
  const handle = "scimmy-" + Date.now();
  const refusal1 = await call("GET", "/Users", null, null); ok("no token: 401", () => error(refusal1, 401));
  const spc = await call("GET", "/ServiceProviderConfig");
  ok("ServiceProviderConfig", () => { if (!spc.body.patch.supported || !spc.type.startsWith("application/scim+json")) throw new Error(JSON.stringify(spc)); });
  const types = await call("GET", "/ResourceTypes");
  ok("ResourceTypes is a ListResponse", () => list(types.body));
  const schemas = await call("GET", "/Schemas");
  ok("Schemas is a ListResponse", () => list(schemas.body));
  const none = await call("GET", `/Users?filter=${encodeURIComponent(`userName eq "${handle}"`)}`);
  ok("lookup of nobody", () => { if (list(none.body).totalResults !== 0) throw new Error("found"); });
  const created = await call("POST", "/Users", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: handle,
    name: { givenName: "Sci", familyName: "Mmy" }, emails: [{ value: handle + "@example.com", type: "work", primary: true }], active: true });
  ok("POST: 201, Location, a valid User", () => { if (created.status !== 201 || !created.location) throw new Error(created.status); user(created.body); });
  const id = created.body.id;
  const found = await call("GET", `/Users?filter=${encodeURIComponent(`userName eq "${handle}"`)}`);
  ok("lookup: a ListResponse of valid Users", () => { const m = list(found.body); if (m.totalResults !== 1) throw new Error("total"); found.body.Resources.forEach(user); });
  const page = await call("GET", "/Users?startIndex=1&count=2");
  ok("page: a ListResponse of valid Users", () => { list(page.body); page.body.Resources.forEach(user); });
  const patched = await call("PATCH", "/Users/" + id, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "Replace", path: "active", value: "False" }] });
  ok("PATCH active \"False\": inactive, a valid User", () => { if (user(patched.body).active !== false) throw new Error("still active"); });
  const put = await call("PUT", "/Users/" + id, { ...created.body, displayName: "Sci Mmy", active: true });
  ok("PUT: a valid User", () => { if (user(put.body).displayName !== "Sci Mmy" || put.body.active !== true) throw new Error(JSON.stringify(put.body)); });
  const refusal2 = await call("POST", "/Users", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: handle }); ok("duplicate: 409 uniqueness", () => error(refusal2, 409, "uniqueness"));
  const refusal3 = await call("GET", `/Users?filter=${encodeURIComponent('userName co "x"')}`); ok("bad filter: 400 invalidFilter", () => error(refusal3, 400, "invalidFilter"));
  const deleted = await call("DELETE", "/Users/" + id);
  ok("DELETE: 204", () => { if (deleted.status !== 204) throw new Error(deleted.status); });
  const refusal4 = await call("GET", "/Users/" + id); ok("after DELETE: 404", () => error(refusal4, 404));
  console.log(`${checks - failures} passed, ${failures} failed`);
  process.exit(failures ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(2); });
