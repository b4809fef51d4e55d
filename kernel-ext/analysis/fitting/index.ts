export { levenbergMarquardt, type Model, type LmOptions, type LmResult } from "./levenbergMarquardt.js";
