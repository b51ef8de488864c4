import * as Comlink from "comlink";
import { createFitApi } from "./fit/createFitApi";

// `self` is required: @vitest/web-worker (and some bundlers) need the endpoint named explicitly.
Comlink.expose(createFitApi(), self);
