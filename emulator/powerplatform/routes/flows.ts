/**
 * Emulated routes: Power Platform API cloud flows (list, get) and the Flow API (state, delete, trigger, runs).
 *
 * @module
 */

import type { Route, RouteContext } from "./context.ts";
import { json, notFound, page, ppError } from "../wire.ts";
import { flowView, runView } from "../views.ts";

/** The routes. */
export function flowsRoutes(c: RouteContext): Route[] {
  const { state, now, pageSize, withEnv, flow, FLOWS } = c;
  return [
    [
      "GET",
      "/powerautomate/environments/:environmentId/cloudFlows",
      withEnv((e, r, _p, u) => {
        // Pages by the x-ms-continuation-token header, as the earlier CLI's reference described.
        let flows = [...state.flows.values()].filter((f) => f.environmentId === e.id);
        const wid = u.searchParams.get("workflowId");
        if (wid) flows = flows.filter((f) => f.id === wid);
        const start = Number(r.headers.get("x-ms-continuation-token") ?? "0") || 0;
        const slice = flows.slice(start, start + pageSize);
        const headers: Record<string, string> = start + pageSize < flows.length
          ? { "x-ms-continuation-token": String(start + pageSize) }
          : {};
        return json({ value: slice.map(flowView) }, 200, headers);
      }),
    ],
    ["GET", "/powerautomate/environments/:environmentId/cloudFlows/:flowId", (_r, p) => {
      const f = flow(p);
      return f ? json(flowView(f)) : notFound(`Cloud flow '${p.flowId}'`);
    }],
    [
      "POST",
      "/providers/Microsoft.ProcessSimple/scopes/admin/environments/:environmentId/flows/:flowId/:action",
      (_r, p) => {
        const f = flow(p);
        if (!f) return notFound(`Cloud flow '${p.flowId}'`);
        if (p.action !== "start" && p.action !== "stop") return notFound(`Action '${p.action}'`);
        f.state = p.action === "start" ? "Started" : "Stopped";
        return json({});
      },
    ],
    [
      "DELETE",
      "/providers/Microsoft.ProcessSimple/scopes/admin/environments/:environmentId/flows/:flowId",
      (_r, p) => {
        const f = flow(p);
        if (!f) return notFound(`Cloud flow '${p.flowId}'`);
        state.flows.delete(f.id);
        return new Response(null, { status: 200 });
      },
    ],
    ["POST", `${FLOWS}/triggers/:triggerName/run`, (_r, p) => {
      const f = flow(p);
      if (!f) return notFound(`Cloud flow '${p.flowId}'`);
      if (f.state !== "Started") return ppError(400, "WorkflowNotEnabled", "The flow is turned off.");
      const run = {
        name: `08585${crypto.randomUUID().replaceAll("-", "").slice(0, 24)}CU00`,
        status: "Running",
        startTime: new Date(now()).toISOString(),
        trigger: p.triggerName,
        actions: [],
      };
      f.runs.unshift(run);
      return json(runView(f, run), 202, { "x-ms-workflow-run-id": run.name });
    }],
    ["GET", `${FLOWS}/runs`, (_r, p, u) => {
      const f = flow(p);
      if (!f) return notFound(`Cloud flow '${p.flowId}'`);
      const filter = /status eq '(\w+)'/i.exec(u.searchParams.get("$filter") ?? "")?.[1];
      const runs = f.runs.filter((r) => !filter || r.status.toLowerCase() === filter.toLowerCase());
      return json(page(runs.map((r) => runView(f, r)), u, pageSize));
    }],
    ["GET", `${FLOWS}/runs/:runName`, (_r, p) => {
      const f = flow(p);
      const run = f?.runs.find((r) => r.name === p.runName);
      return f && run ? json(runView(f, run)) : notFound(`Run '${p.runName}'`);
    }],
    ["POST", `${FLOWS}/runs/:runName/cancel`, (_r, p) => {
      const f = flow(p);
      const run = f?.runs.find((r) => r.name === p.runName);
      if (!f || !run) return notFound(`Run '${p.runName}'`);
      if (run.status !== "Running") {
        return ppError(409, "RunNotRunning", `The run is ${run.status}; only running runs can be cancelled.`);
      }
      run.status = "Cancelled";
      run.endTime = new Date(now()).toISOString();
      return json({});
    }],
    ["GET", `${FLOWS}/runs/:runName/actions`, (_r, p, u) => {
      const f = flow(p);
      const run = f?.runs.find((r) => r.name === p.runName);
      if (!f || !run) return notFound(`Run '${p.runName}'`);
      return json(page(
        run.actions.map((a) => ({
          name: a.name,
          properties: { status: a.status, ...(a.code ? { code: a.code, error: { message: a.error } } : {}) },
        })),
        u,
        pageSize,
      ));
    }],
  ];
}
