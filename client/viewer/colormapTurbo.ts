/**
 * Google's Turbo colormap (polynomial approximation by Anton Mikhailov, 2019): t in 0..1 (clamped)
 * → RGB 0..1 written into `out`. Perceptually ordered and readable on a dark background.
 */
export function colormapTurbo(t: number, out: [number, number, number]): [number, number, number] {
  const x = t < 0 ? 0 : t > 1 ? 1 : t;
  const x2 = x * x;
  const x3 = x2 * x;
  const x4 = x3 * x;
  const x5 = x4 * x;
  out[0] = clamp01(
    0.13572138 + 4.6153926 * x - 42.66032258 * x2 + 132.13108234 * x3 - 152.94239396 * x4 + 59.28637943 * x5,
  );
  out[1] = clamp01(
    0.09140261 + 2.19418839 * x + 4.84296658 * x2 - 14.18503333 * x3 + 4.27729857 * x4 + 2.82956604 * x5,
  );
  out[2] = clamp01(
    0.1066733 + 12.64194608 * x - 60.58204836 * x2 + 110.36276771 * x3 - 89.90310912 * x4 + 27.34824973 * x5,
  );
  return out;
}

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);
