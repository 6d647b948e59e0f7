"""bench/relief (b): the month's rules vectorised in numpy over the same columns the engine reads.

Integer fen and billionths, as the engine computes: base = clip(wage, floor, ceiling); due = round(base x rate) to the
fen, half away from zero; relieved payable = round(due x factor); relief = due - payable; totals per relief category.
Usage: python3 relief.py DIR  (DIR holds params.json, wages.i64, employer.i32, category.i8, injury.i64); prints JSON.
"""
import json
import sys
import time

import numpy as np

SCALE = 1_000_000_000
HALF = SCALE // 2


def round_fen(x):
    # Every product here is >= 0 (wages, rates and factors are), so half away from zero is floor((x + half) / scale).
    return (x + HALF) // SCALE


def main(directory):
    p = json.load(open(f"{directory}/params.json"))
    wages = np.fromfile(f"{directory}/wages.i64", dtype=np.int64)
    employer = np.fromfile(f"{directory}/employer.i32", dtype=np.int32)
    category_of = np.fromfile(f"{directory}/category.i8", dtype=np.int8)
    injury_of = np.fromfile(f"{directory}/injury.i64", dtype=np.int64)
    categories = len(p["factors"])

    started = time.perf_counter()
    category = category_of[employer].astype(np.int64)
    totals = np.zeros((categories, 5, 4), dtype=np.int64)
    for i in range(5):
        base = np.clip(wages, p["floor"][i], p["ceiling"][i])
        rate = injury_of[employer] if p["employer_rate"][i] < 0 else p["employer_rate"][i]
        due = round_fen(base * rate)
        factors = np.array(p["factors"], dtype=np.int64)[:, i]
        if factors[0] < 0:
            payable = due
        else:
            payable = round_fen(due * factors[category])
        employee = round_fen(base * p["employee_rate"][i])
        if i == 3:
            employee = employee + p["flat"]
        for f, values in enumerate((due, due - payable, payable, employee)):
            # bincount sums in float64: exact while every sum stays below 2**53 fen (90 billion yuan per category).
            totals[:, i, f] = np.rint(np.bincount(category, weights=values, minlength=categories)).astype(np.int64)
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "totals": totals.tolist()}))


if __name__ == "__main__":
    main(sys.argv[1])
