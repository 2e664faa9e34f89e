#!/usr/bin/env python3
"""Writes the products files of the example plans (examples/plans/<plan>.products.csv, and
smart-toilet.products.json), deterministically: a fixed seed, no clock, no environment.

    python3 examples/plans/gen_products.py

Each file holds hand-picked cases first (clearly better than the benchmark level, equal to it,
on a limit's boundary, slightly short, in another unit of the same kind, with an uncertainty, with
a GB/T 8170 rounding mark, missing) and then ordinary products drawn with the fixed seed. The
benchmark level of an indicator is the strictest requirement among the plan's benchmark
standards; the comments name it for each indicator. Values are made up, shaped like lab reports.
"""

import csv
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20240601


def write_csv(name, header, rows):
    path = os.path.join(HERE, name)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for row in rows:
            w.writerow([row.get(h, "") for h in header])


def write_json(name, header, rows):
    path = os.path.join(HERE, name)
    products = []
    for row in rows:
        values = {h: row[h] for h in header[1:] if row.get(h, "") != ""}
        products.append({"id": row["id"], "values": values})
    with open(path, "w", encoding="utf-8") as f:
        json.dump(products, f, ensure_ascii=False, indent=2)
        f.write("\n")


def number(rng, low, high, decimals):
    """A value drawn uniformly in [low, high], written with `decimals` decimals."""
    return f"{rng.uniform(low, high):.{decimals}f}"


def smart_toilet(rng):
    # Benchmark levels: flush-water ≤ 4.0 L (T/CZGX 001-2022; GB 38448 asks ≤ 5.0 L);
    # standby-power ≤ 1.0 W (GB/T 23131), tolerance 0.05 W: below 0.95 W exceeds;
    # water-temperature 38 ± 3 °C (35 to 41 °C); leakage-current (basic) ≤ 0.75 mA (IEC).
    # Core weights 2 + 1 + 1: flush water exceeding alone carries half the core weight.
    header = ["id", "flush-water", "standby-power", "water-temperature", "leakage-current"]
    rows = [
        # leaders: flush water clearly better than 4.0 L
        {"id": "ST-001", "flush-water": "3.5", "standby-power": "0.45", "water-temperature": "38.0", "leakage-current": "0.21"},
        {"id": "ST-002", "flush-water": "3.2 L", "standby-power": "0.60 W", "water-temperature": "37.5 °C", "leakage-current": "0.18 mA"},
        {"id": "ST-003", "flush-water": "3800 mL", "standby-power": "0.85", "water-temperature": "102.2 °F", "leakage-current": "0.30"},
        {"id": "ST-004", "flush-water": "3.6 ± 0.1 L", "standby-power": "0.50 ± 0.02 W", "water-temperature": "38.2 ± 0.5 °C", "leakage-current": "0.25 ± 0.02 mA"},
        {"id": "ST-005", "flush-water": "3.85(-)", "standby-power": "0.92", "water-temperature": "36.0", "leakage-current": "250 µA"},
        # followers: flush water on the benchmark level (it has no equivalence tolerance, so any
        # value below 4.0 L exceeds); standby power exceeding alone carries a quarter
        {"id": "ST-006", "flush-water": "4.0", "standby-power": "0.80", "water-temperature": "38.0", "leakage-current": "0.40"},
        {"id": "ST-007", "flush-water": "4.00 L", "standby-power": "1.0", "water-temperature": "41.0", "leakage-current": "0.75"},
        {"id": "ST-008", "flush-water": "4000 mL", "standby-power": "0.97", "water-temperature": "35.0", "leakage-current": "0.50"},
        {"id": "ST-009", "flush-water": "4.0", "standby-power": "0.62", "water-temperature": "40.5", "leakage-current": "0.0006 A"},
        {"id": "ST-010", "flush-water": "4.0 ± 0.1 L", "standby-power": "0.95", "water-temperature": "36.5", "leakage-current": "0.62"},
        # gaps: a core indicator short, a basic one failing, a core value missing
        {"id": "ST-011", "flush-water": "4.1", "standby-power": "0.70", "water-temperature": "38.0", "leakage-current": "0.30"},
        {"id": "ST-012", "flush-water": "4.05(+)", "standby-power": "0.70", "water-temperature": "38.0", "leakage-current": "0.30"},
        {"id": "ST-013", "flush-water": "3.4", "standby-power": "1.05", "water-temperature": "38.0", "leakage-current": "0.30"},
        {"id": "ST-014", "flush-water": "3.5", "standby-power": "0.55", "water-temperature": "41.5", "leakage-current": "0.30"},
        {"id": "ST-015", "flush-water": "3.3", "standby-power": "0.55", "water-temperature": "34.5 °C", "leakage-current": "0.30"},
        {"id": "ST-016", "flush-water": "3.5", "standby-power": "0.55", "water-temperature": "38.0", "leakage-current": "0.80"},
        {"id": "ST-017", "flush-water": "3.5", "standby-power": "0.55", "water-temperature": "38.0", "leakage-current": "0.76 mA"},
        {"id": "ST-018", "flush-water": "", "standby-power": "0.55", "water-temperature": "38.0", "leakage-current": "0.30"},
        {"id": "ST-019", "flush-water": "3.6", "standby-power": "", "water-temperature": "38.0", "leakage-current": "0.30"},
        {"id": "ST-020", "flush-water": "5.2", "standby-power": "1.2", "water-temperature": "42.0", "leakage-current": "0.90"},
        {"id": "ST-021", "flush-water": "4.8 L", "standby-power": "0.90", "water-temperature": "38.0", "leakage-current": "0.40"},
    ]
    # ordinary products: flush water clearly better, on the level or short, about a third each
    for i in range(22, 37):
        band = rng.choice(["better", "level", "short"])
        rows.append({
            "id": f"ST-{i:03d}",
            "flush-water": {
                "better": number(rng, 3.0, 3.7, 1),
                "level": "4.0",
                "short": number(rng, 4.1, 4.9, 1),
            }[band],
            "standby-power": number(rng, 0.35, 0.99, 2),
            "water-temperature": number(rng, 35.5, 40.5, 1),
            "leakage-current": number(rng, 0.10, 0.70, 2),
        })
    write_csv("smart-toilet.products.csv", header, rows)
    write_json("smart-toilet.products.json", header, rows)


def room_air_conditioner(rng):
    # Benchmark levels: apf ≥ 5.00 (GB 21455-2019; T/CAS 100-2020 asks ≥ 4.80), judged by
    # rounded value to 0.01, core weight 3; noise ≤ 40 dB(A) (T/CAS), core weight 1;
    # cooling-capacity (innovation) ≥ 2500 W, and it chooses the APF grade band (≤ 4500 W or
    # 4500 to 7100 W); refrigerant-leak (basic) pass or fail.
    header = ["id", "cooling-capacity", "apf", "noise", "refrigerant-leak"]
    rows = [
        # leaders: APF clearly above 5.00 (weight 3 of 4)
        {"id": "AC-001", "cooling-capacity": "2600", "apf": "5.35", "noise": "36", "refrigerant-leak": "pass"},
        {"id": "AC-002", "cooling-capacity": "3500 W", "apf": "5.20", "noise": "38 dB(A)", "refrigerant-leak": "pass"},
        {"id": "AC-003", "cooling-capacity": "3.5 kW", "apf": "5.62", "noise": "39", "refrigerant-leak": "pass"},
        {"id": "AC-004", "cooling-capacity": "5100", "apf": "5.08", "noise": "40", "refrigerant-leak": "pass"},
        {"id": "AC-005", "cooling-capacity": "7.1 kW", "apf": "5.15 ± 0.08", "noise": "39.5 ± 0.5 dB(A)", "refrigerant-leak": "pass"},
        # followers: APF on the level, after rounding to 0.01
        {"id": "AC-006", "cooling-capacity": "2650", "apf": "5.00", "noise": "37", "refrigerant-leak": "pass"},
        {"id": "AC-007", "cooling-capacity": "3200", "apf": "4.995", "noise": "38", "refrigerant-leak": "pass"},
        {"id": "AC-008", "cooling-capacity": "4500", "apf": "4.995(+)", "noise": "40.0", "refrigerant-leak": "pass"},
        {"id": "AC-009", "cooling-capacity": "6300", "apf": "5.004", "noise": "39", "refrigerant-leak": "pass"},
        {"id": "AC-010", "cooling-capacity": "4.5 kW", "apf": "5.00", "noise": "39", "refrigerant-leak": "pass"},
        # gaps: APF or noise short, a failed leak test, a missing core value
        {"id": "AC-011", "cooling-capacity": "2600", "apf": "4.995(-)", "noise": "37", "refrigerant-leak": "pass"},
        {"id": "AC-012", "cooling-capacity": "3500", "apf": "4.98", "noise": "37", "refrigerant-leak": "pass"},
        {"id": "AC-013", "cooling-capacity": "5000", "apf": "4.62", "noise": "41", "refrigerant-leak": "pass"},
        {"id": "AC-014", "cooling-capacity": "2600", "apf": "5.40", "noise": "41", "refrigerant-leak": "pass"},
        {"id": "AC-015", "cooling-capacity": "2600", "apf": "5.40", "noise": "40.5", "refrigerant-leak": "pass"},
        {"id": "AC-016", "cooling-capacity": "3500", "apf": "5.30", "noise": "36", "refrigerant-leak": "fail"},
        {"id": "AC-017", "cooling-capacity": "3500", "apf": "", "noise": "36", "refrigerant-leak": "pass"},
        {"id": "AC-018", "cooling-capacity": "7000", "apf": "4.45", "noise": "42", "refrigerant-leak": "pass"},
        # edge cases: the basic test not reported; the innovation indicator (the band selector)
        # short of 2500 W or missing, which never makes a gap but leaves the APF band unknown
        {"id": "AC-019", "cooling-capacity": "3500", "apf": "5.25", "noise": "36", "refrigerant-leak": ""},
        {"id": "AC-020", "cooling-capacity": "2450", "apf": "5.10", "noise": "38", "refrigerant-leak": "pass"},
        {"id": "AC-021", "cooling-capacity": "", "apf": "5.10", "noise": "38", "refrigerant-leak": "pass"},
    ]
    for i in range(22, 37):
        large = rng.random() < 0.4
        capacity = rng.choice([5000, 5100, 6000, 6300, 7100] if large else [2500, 2600, 3200, 3500, 4500])
        apf = (4.40, 5.30) if large else (4.80, 5.70)
        rows.append({
            "id": f"AC-{i:03d}",
            "cooling-capacity": str(capacity),
            "apf": number(rng, *apf, 2),
            "noise": str(rng.randint(34, 41)),
            "refrigerant-leak": "pass" if rng.random() < 0.9 else "fail",
        })
    write_csv("room-air-conditioner.products.csv", header, rows)


def steel_and_caustic_soda(rng):
    # Benchmark levels, all judged by rounded value (修约值比较法): tensile-strength ≥ 14×100 MPa
    # (ISO 16120-2), rounded to 100 MPa; diameter 10.0 ± 0.1 mm, rounded to 0.1 mm;
    # naoh ≥ 97.0 % (GB/T 209), rounded to 0.1 %. Three core indicators of weight 1: two must
    # exceed for a leader.
    header = ["id", "tensile-strength", "diameter", "naoh"]
    rows = [
        # leaders: tensile strength and NaOH both better than the level after rounding
        {"id": "WR-001", "tensile-strength": "1520", "diameter": "10.0", "naoh": "98.2"},
        {"id": "WR-002", "tensile-strength": "1.58 kN/mm²", "diameter": "10.02 mm", "naoh": "97.8 %"},
        {"id": "WR-003", "tensile-strength": "1560 N/mm²", "diameter": "9.98", "naoh": "97.6"},
        {"id": "WR-004", "tensile-strength": "1610 ± 20 MPa", "diameter": "10.01 ± 0.02 mm", "naoh": "98.05 ± 0.10 %"},
        {"id": "WR-005", "tensile-strength": "1460", "diameter": "10.05(-)", "naoh": "97.55(+)"},
        # followers: on the level after rounding (GB/T 8170 table examples)
        {"id": "WR-006", "tensile-strength": "1351", "diameter": "10.0", "naoh": "96.96"},
        {"id": "WR-007", "tensile-strength": "1400", "diameter": "10.10", "naoh": "97.0"},
        {"id": "WR-008", "tensile-strength": "1450", "diameter": "9.90", "naoh": "97.04"},
        {"id": "WR-009", "tensile-strength": "1350", "diameter": "10.15(-)", "naoh": "97.05"},
        {"id": "WR-010", "tensile-strength": "1.40 kN/mm²", "diameter": "9.85(+)", "naoh": "96.95(+)"},
        # gaps: short after rounding, out of the diameter tolerance, missing
        {"id": "WR-011", "tensile-strength": "1349", "diameter": "10.0", "naoh": "97.6"},
        {"id": "WR-012", "tensile-strength": "1300", "diameter": "10.0", "naoh": "98.0"},
        {"id": "WR-013", "tensile-strength": "1500", "diameter": "10.16", "naoh": "97.8"},
        {"id": "WR-014", "tensile-strength": "1500", "diameter": "10.15(+)", "naoh": "97.8"},
        {"id": "WR-015", "tensile-strength": "1500", "diameter": "9.85(-)", "naoh": "97.8"},
        {"id": "WR-016", "tensile-strength": "1500", "diameter": "10.0", "naoh": "96.94"},
        {"id": "WR-017", "tensile-strength": "1500", "diameter": "10.0", "naoh": "96.95(-)"},
        {"id": "WR-018", "tensile-strength": "1500", "diameter": "", "naoh": "97.8"},
        {"id": "WR-019", "tensile-strength": "1500", "diameter": "1.00 cm", "naoh": ""},
        {"id": "WR-020", "tensile-strength": "1280", "diameter": "10.3", "naoh": "95.5"},
    ]
    for i in range(21, 36):
        rows.append({
            "id": f"WR-{i:03d}",
            "tensile-strength": str(rng.randrange(1330, 1680, 10)),
            "diameter": number(rng, 9.88, 10.12, 2),
            "naoh": number(rng, 96.8, 98.6, 1),
        })
    write_csv("steel-and-caustic-soda.products.csv", header, rows)


def main():
    rng = random.Random(SEED)
    smart_toilet(rng)
    room_air_conditioner(rng)
    steel_and_caustic_soda(rng)


if __name__ == "__main__":
    main()
