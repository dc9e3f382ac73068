"""How a large city's single workers are spread (ages, heights by gender, education,
income, districts, marital status) and what they typically ask for: the demo pool and the
screening benchmark draw their profiles from here."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

EDUCATION = [1] * 10 + [2] * 22 + [3] * 25 + [4] * 33 + [5] * 8 + [6] * 2
INCOME = [1] * 15 + [2] * 35 + [3] * 30 + [4] * 14 + [5] * 6
MARITAL = [1] * 85 + [2] * 12 + [4] * 3
DISTRICTS = [1 << i for i in range(13)]
OCCUPATIONS = [
    "数控车工",
    "护士",
    "教师",
    "会计",
    "工程师",
    "销售",
    "公交司机",
    "文员",
    "厨师",
    "质检员",
]


def age_of(rng: random.Random) -> int:
    """22-50, most in the late twenties and thirties."""
    return min(50, max(22, int(rng.gauss(31, 6))))


def birth_for(rng: random.Random, age: int, today: dt.date) -> dt.date:
    return today - dt.timedelta(days=age * 365 + rng.randrange(365))


def profile_fields(rng: random.Random, *, male: bool, age: int) -> dict[str, Any]:
    """Who one person is and whom they look for, as ``Profile`` fields."""
    low = max(20, age - rng.choice([2, 3, 5, 8]) - (0 if male else -1))
    high = age + rng.choice([2, 3, 5, 8]) + (0 if male else 2)
    districts = 0
    if rng.random() < 0.4:
        for _ in range(rng.randint(1, 4)):
            districts |= rng.choice(DISTRICTS)
    return {
        "marital_status": rng.choice(MARITAL),
        "height_cm": int(rng.gauss(172 if male else 160, 6)),
        "education": rng.choice(EDUCATION),
        "occupation": rng.choice(OCCUPATIONS),
        "income_band": rng.choice(INCOME),
        "district": rng.choice(DISTRICTS),
        "housing": rng.randint(1, 4),
        "hobbies": rng.randrange(256),
        "age_min": low,
        "age_max": high,
        "height_min": rng.choice([0, 0, 0, 155, 160, 170]) if not male else rng.choice([0, 0, 150]),
        "height_max": 0,
        "education_min": rng.choice([0, 0, 0, 2, 3, 4]),
        "marital_mask": rng.choice([7, 7, 1, 3]),
        "districts_mask": districts,
        "wish_education": rng.choice([0, 0, 3, 4]),
        "wish_income": rng.choice([0, 0, 2, 3]),
        "wish_housing": rng.random() < 0.3,
        "wish_hobbies": rng.choice([0, 0, rng.randrange(1, 256)]),
    }
