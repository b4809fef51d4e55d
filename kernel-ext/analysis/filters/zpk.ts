// Zero-pole-gain filter representation and the analog→digital transforms used by IIR design
// (frequency scaling of the analog prototype, then the bilinear transform).

import { type Complex, cabs, cdiv, cmul, cneg, cscale, csqrt, csub, cadd } from "./complex.js";

export interface Zpk {
  zeros: Complex[];
  poles: Complex[];
  gain: number;
}

function prodReal(values: Complex[]): Complex {
  let acc: Complex = [1, 0];
  for (const v of values) acc = cmul(acc, v);
  return acc;
}

/** Analog Butterworth prototype of order n: poles on the left half unit circle, no zeros, gain 1. */
export function butterPrototype(order: number): Zpk {
  const poles: Complex[] = [];
  for (let m = -order + 1; m < order; m += 2) {
    const theta = (Math.PI * m) / (2 * order);
    // -exp(i theta); theta = 0 gives the exact real pole -1 for odd orders.
    poles.push(m === 0 ? [-1, 0] : [-Math.cos(theta), -Math.sin(theta)]);
  }
  return { zeros: [], poles, gain: 1 };
}

/** Low-pass prototype (cutoff 1 rad/s) → low-pass with cutoff wo. */
export function lowpassToLowpass(f: Zpk, wo: number): Zpk {
  const degree = f.poles.length - f.zeros.length;
  return {
    zeros: f.zeros.map((z) => cscale(z, wo)),
    poles: f.poles.map((p) => cscale(p, wo)),
    gain: f.gain * wo ** degree,
  };
}

/** Low-pass prototype → high-pass with cutoff wo (s → wo/s); zeros at infinity move to the origin. */
export function lowpassToHighpass(f: Zpk, wo: number): Zpk {
  const degree = f.poles.length - f.zeros.length;
  const zeros = f.zeros.map((z) => cdiv([wo, 0], z));
  const poles = f.poles.map((p) => cdiv([wo, 0], p));
  for (let i = 0; i < degree; i++) zeros.push([0, 0]);
  const g = cdiv(prodReal(f.zeros.map(cneg)), prodReal(f.poles.map(cneg)));
  return { zeros, poles, gain: f.gain * g[0] };
}

/** Low-pass prototype → band-pass centred at wo with bandwidth bw (s → (s² + wo²)/(s·bw)). */
export function lowpassToBandpass(f: Zpk, wo: number, bw: number): Zpk {
  const degree = f.poles.length - f.zeros.length;
  const split = (r: Complex): [Complex, Complex] => {
    const h = cscale(r, bw / 2);
    const d = csqrt(csub(cmul(h, h), [wo * wo, 0]));
    return [cadd(h, d), csub(h, d)];
  };
  const zs = f.zeros.map(split);
  const ps = f.poles.map(split);
  const zeros = [...zs.map((s) => s[0]), ...zs.map((s) => s[1])];
  const poles = [...ps.map((s) => s[0]), ...ps.map((s) => s[1])];
  for (let i = 0; i < degree; i++) zeros.push([0, 0]);
  return { zeros, poles, gain: f.gain * bw ** degree };
}

/** Low-pass prototype → band-stop centred at wo with bandwidth bw (s → s·bw/(s² + wo²)). */
export function lowpassToBandstop(f: Zpk, wo: number, bw: number): Zpk {
  const degree = f.poles.length - f.zeros.length;
  const split = (r: Complex): [Complex, Complex] => {
    const h = cdiv([bw / 2, 0], r);
    const d = csqrt(csub(cmul(h, h), [wo * wo, 0]));
    return [cadd(h, d), csub(h, d)];
  };
  const zs = f.zeros.map(split);
  const ps = f.poles.map(split);
  const zeros = [...zs.map((s) => s[0]), ...zs.map((s) => s[1])];
  const poles = [...ps.map((s) => s[0]), ...ps.map((s) => s[1])];
  for (let i = 0; i < degree; i++) zeros.push([0, wo]);
  for (let i = 0; i < degree; i++) zeros.push([0, -wo]);
  const g = cdiv(prodReal(f.zeros.map(cneg)), prodReal(f.poles.map(cneg)));
  return { zeros, poles, gain: f.gain * g[0] };
}

/** Bilinear transform s = 2fs (z − 1)/(z + 1); zeros at infinity map to z = −1. */
export function bilinear(f: Zpk, fs: number): Zpk {
  const fs2: Complex = [2 * fs, 0];
  const degree = f.poles.length - f.zeros.length;
  const zeros = f.zeros.map((z) => cdiv(cadd(fs2, z), csub(fs2, z)));
  const poles = f.poles.map((p) => cdiv(cadd(fs2, p), csub(fs2, p)));
  for (let i = 0; i < degree; i++) zeros.push([-1, 0]);
  const g = cdiv(
    prodReal(f.zeros.map((z) => csub(fs2, z))),
    prodReal(f.poles.map((p) => csub(fs2, p))),
  );
  return { zeros, poles, gain: f.gain * g[0] };
}

export const magnitude = cabs;
