export { welch, hannPeriodic, type WelchOptions } from "./welch.js";
export { fftInPlace } from "./fft.js";
