"""Generates conversions_28.csv: conversions through non-terminating ratios, each exact result
rounded once, half to even, to 28 significant digits (Python's fractions and decimal at 80
digits). Run from this folder: python3 conversions_28.py > conversions_28.csv"""
import random
from decimal import Decimal, getcontext, ROUND_HALF_EVEN
from fractions import Fraction as F

# Factor to the coherent SI unit and offset (added before the factor), as GB 3100 and NIST SP 811 give them.
UNITS = {
    "nm": (F(1, 10**9), 0), "mm": (F(1, 1000), 0), "in": (F(254, 10000), 0),
    "ft": (F(3048, 10000), 0), "K": (F(1), 0), "°C": (F(1), F(27315, 100)),
    "°F": (F(5, 9), F(45967, 100)), "km/h": (F(1000, 3600), 0), "m/s": (F(1), 0),
    "kg": (F(1), 0), "lb": (F(45359237, 10**8), 0),
}
PAIRS = [("nm", "in"), ("mm", "in"), ("in", "mm"), ("m/s", "km/h"), ("km/h", "m/s"),
         ("°F", "K"), ("°C", "°F"), ("°F", "°C"), ("kg", "lb"), ("mm", "ft")]

def convert(v, a, b):
    (fa, oa), (fb, ob) = UNITS[a], UNITS[b]
    return (v + oa) * fa / fb - ob

def sig28(x):
    getcontext().prec = 80
    d = Decimal(x.numerator) / Decimal(x.denominator)
    getcontext().prec = 28
    getcontext().rounding = ROUND_HALF_EVEN
    r = +d
    s = format(r, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s

random.seed(14)
print("value,from,to,expected")
print("1,nm,in," + sig28(convert(F(1), "nm", "in")))
for _ in range(300):
    a, b = random.choice(PAIRS)
    scale = random.randint(0, 12)
    m = random.randint(1, 10 ** random.randint(1, 18))
    v = F(m, 10**scale)
    text = format(Decimal(m).scaleb(-scale), "f")
    print(f"{text},{a},{b},{sig28(convert(v, a, b))}")
