/** The thin REST layer of manual tasks (reference M16–M21; scopes admin or user, as the reference). */
import { createManualTasks } from '../manual-tasks/create-manual-tasks';
import { listTaskTypes } from '../manual-tasks/list-task-types';
import { createTasksBody, setOrderBody, taskQuery, updateSpuStateBody, updateStateBody } from '../manual-tasks/manual-task-body';
import { queryTasks } from '../manual-tasks/query-tasks';
import { setTaskOrder } from '../manual-tasks/set-task-order';
import { updateTaskState } from '../manual-tasks/update-task-state';
import { jsonBody, queryParams } from './request';
import type { ApiHandlerArgs } from './with-api-client';

export const MANUAL_TASK_SCOPES = ['admin', 'user'];
const noStore = { 'cache-control': 'no-store' };

export const taskTypesRoute = async ({ deps }: ApiHandlerArgs) =>
  Response.json({ tasks: await listTaskTypes(deps.db) }, { headers: noStore });

export const taskQueryRoute = async ({ deps, req }: ApiHandlerArgs) =>
  Response.json(await queryTasks(deps.db, queryParams(req, taskQuery)), { headers: noStore });

export const createTasksRoute = async ({ deps, caller, req }: ApiHandlerArgs) =>
  Response.json(await createManualTasks(deps.db, caller, await jsonBody(req, createTasksBody)), {
    status: 201,
    headers: noStore,
  });

export const updateStateRoute = async ({ deps, caller, req }: ApiHandlerArgs) =>
  Response.json(await updateTaskState(deps.db, caller, await jsonBody(req, updateStateBody)), { headers: noStore });

export const updateSpuStateRoute = async ({ deps, caller, req }: ApiHandlerArgs) =>
  Response.json(await updateTaskState(deps.db, caller, await jsonBody(req, updateSpuStateBody)), { headers: noStore });

export const setOrderRoute = async ({ deps, caller, req }: ApiHandlerArgs) =>
  Response.json(await setTaskOrder(deps.db, caller, await jsonBody(req, setOrderBody)), { headers: noStore });
