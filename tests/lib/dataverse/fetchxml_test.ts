import { equal, throws } from "node:assert/strict";
import { pagingCookieOf, parseFetchXmlQuery } from "../../../lib/dataverse/fetchxml.ts";
import { ValidationError } from "../../../lib/errors.ts";

Deno.test("FetchXML paging rewrite keeps attribute order, sets page and cookie, drops layout", () => {
  const query = parseFetchXmlQuery(
    `<fetch top="50" page="1" count="2">\n  <entity name="account"><attribute name="name"/>` +
      `<filter><condition attribute="name" operator="like" value="a&amp;b%"/></filter></entity>\n</fetch>`,
  );
  equal(query.entity, "account");
  equal(query.firstPage, 1);
  equal(
    query.page(2, `<cookie page="1"/>`),
    `<fetch top="50" page="2" count="2" paging-cookie="&lt;cookie page=&quot;1&quot;/&gt;">` +
      `<entity name="account"><attribute name="name" /><filter>` +
      `<condition attribute="name" operator="like" value="a&amp;b%" /></filter></entity></fetch>`,
  );
  equal(
    parseFetchXmlQuery(`<fetch><entity name="x"/></fetch>`).page(3),
    `<fetch page="3"><entity name="x" /></fetch>`,
  );
});

Deno.test("FetchXML errors: malformed XML names the line, a missing entity and a bad page are explained", () => {
  throws(
    () => parseFetchXmlQuery(`<fetch><entity name="x"></fetch>`),
    (e) => e instanceof ValidationError && /not well-formed.*1/.test(e.message),
  );
  throws(() => parseFetchXmlQuery(`<query/>`), /must have a <fetch> root/);
  throws(() => parseFetchXmlQuery(`<fetch><entity/></fetch>`), /needs an <entity name/);
  throws(() => parseFetchXmlQuery(`<fetch page="0"><entity name="x"/></fetch>`), /positive whole number/);
});

Deno.test("pagingCookieOf decodes the doubly encoded cookie and ignores junk", () => {
  const cookie = encodeURIComponent(encodeURIComponent(`<cookie page="1"><accountid last="{A}"/></cookie>`));
  equal(
    pagingCookieOf(`<cookie pagenumber="2" pagingcookie="${cookie}" istracking="False" />`),
    `<cookie page="1"><accountid last="{A}"/></cookie>`,
  );
  equal(pagingCookieOf("not xml"), undefined);
});
