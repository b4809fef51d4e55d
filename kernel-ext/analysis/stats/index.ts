export { median, quantile, robustSigma, pearson, mean } from "./quantile.js";
