#!/usr/bin/env python3
# Prints the polynomial coefficients of bp::det::erf (engine/base/det_math.h): near-minimax
# (Chebyshev) fits by mpmath at 40 digits. Usage: python3 scripts/fit_erf.py
#   |x| < 1:  erf x = x P(x^2)                      P of degree 12 on [0, 1]
#   1 <= |x| < 6:  erfc x = e^-x^2 / x  Q(1/x)       Q of degree 18 in u = (1/x - mid) / half,
#                  on 1/x in [1/2, 1] (x in [1, 2]) and [1/6, 1/2] (x in [2, 6])
import mpmath as mp

mp.mp.dps = 40


def show(name, coeffs, err):
    print(f"// {name}: max error {mp.nstr(err, 3)}")
    print(f"constexpr double {name}[] = {{")
    for c in coeffs:  # highest degree first, for Horner
        print(f"    {float(c).hex()},  // {mp.nstr(c, 17)}")
    print("};")


def small(z):  # erf(sqrt z) / sqrt z
    return mp.erf(mp.sqrt(z)) / mp.sqrt(z) if z > 0 else 2 / mp.sqrt(mp.pi)


p, err = mp.chebyfit(small, [0, 1], 13, error=True)
show("kErfSmall", p, err)

for name, lo, hi in (("kErfcNear", mp.mpf(1) / 2, mp.mpf(1)), ("kErfcFar", mp.mpf(1) / 6, mp.mpf(1) / 2)):
    mid, half = (lo + hi) / 2, (hi - lo) / 2

    def q(u, mid=mid, half=half):
        t = mid + half * u
        x = 1 / t
        return mp.erfc(x) * mp.exp(x * x) * x

    c, err = mp.chebyfit(q, [-1, 1], 19, error=True)
    print(f"// 1/x in [{mp.nstr(lo, 6)}, {mp.nstr(hi, 6)}]: u = (1/x - {float(mid).hex()}) / {float(half).hex()}")
    show(name, c, err)
