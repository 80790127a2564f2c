#!/usr/bin/env python3
"""Build Resources/data/work-calendar.json from the holiday-cn files (国务院办公厅 notices as data).

Usage: build-calendar.py [HOLIDAY_CN_DIR]   (default: ../shared/data/holiday-cn next to the repo,
       i.e. ../../shared/data/holiday-cn as seen from Resources/)

Our format is compact and merged: every file's days keyed by date (holiday-cn puts some December
days in the next year's file), plus the list of published years. A year whose file has no days has
no notice yet and is NOT published: the app refuses to compute deadlines in it rather than guess.
"""
import datetime
import glob
import json
import os
import sys

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEFAULT_SRC = os.path.join(REPO, "..", "shared", "data", "holiday-cn")
OUT = os.path.join(REPO, "Resources", "data", "work-calendar.json")


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_SRC
    files = sorted(glob.glob(os.path.join(src, "[0-9][0-9][0-9][0-9].json")))
    if not files:
        sys.exit(f"没有找到 holiday-cn 文件：{src}")
    years, holidays, workdays = [], {}, {}
    for path in files:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        year = doc["year"]
        if not doc["days"]:
            print(f"{year}: 没有日期（尚未发布），不计入已发布年份", file=sys.stderr)
            continue
        years.append(year)
        for d in doc["days"]:
            date, name, off = d["date"], d["name"], d["isOffDay"]
            datetime.date.fromisoformat(date)  # fail loudly on a bad date
            if not isinstance(off, bool):
                sys.exit(f"{path}: {date} 的 isOffDay 不是布尔值")
            if date in holidays or date in workdays:
                sys.exit(f"{path}: {date} 重复")
            (holidays if off else workdays)[date] = name
    out = {
        "source": "holiday-cn (国务院办公厅通知)",
        "publishedYears": sorted(years),
        "holidays": dict(sorted(holidays.items())),
        "makeUpWorkdays": dict(sorted(workdays.items())),
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"已写入 {os.path.relpath(OUT, REPO)}：年份 {sorted(years)}，假日 {len(holidays)} 天，调休上班 {len(workdays)} 天")


if __name__ == "__main__":
    main()
