from datetime import date, datetime, timedelta, time
import datetime as dtmod
d = date(2024, 1, 31)
print(d, repr(d), d + timedelta(days=30), d - timedelta(weeks=5), d.weekday(), d.isoweekday(), d.isocalendar(), d.toordinal())
print(date(2024, 3, 1) - date(2024, 2, 1), (date(2025, 1, 1) - date(2024, 1, 1)).days, d.replace(day=1), d.strftime("%A %d %B %Y (%a %b %j)"), f"{d:%Y/%m/%d}")
td = timedelta(days=1, hours=3, minutes=4, seconds=5, microseconds=6)
print(td, repr(td), td.total_seconds(), timedelta(0), repr(timedelta(0)), timedelta(hours=-1), repr(timedelta(hours=-1)), -td, abs(timedelta(days=-2)))
print(timedelta(days=2) * 3, timedelta(hours=5) / 2, timedelta(hours=5) // timedelta(hours=2), timedelta(hours=5) % timedelta(hours=2), timedelta(minutes=90) / timedelta(hours=1), timedelta(seconds=1.5), timedelta(days=1) * 0.5)
dt = datetime(2024, 2, 28, 23, 30)
print(dt, repr(dt), dt + timedelta(hours=1), dt + timedelta(days=2), repr(datetime(2024, 1, 1)), repr(datetime(2024, 1, 1, 0, 0, 5, 7)), dt.isoformat(), dt.date(), dt.time(), repr(dt.time()))
print(datetime(2024, 3, 1) - dt, dt.strftime("%Y-%m-%d %H:%M:%S %I %p"), dt.ctime(), datetime.fromisoformat("2023-07-04T12:01:02.5"), date.fromisoformat("2020-02-29"))
print(datetime.strptime("2021-12-25 08:15", "%Y-%m-%d %H:%M"), dt.timestamp(), datetime.fromtimestamp(0), sorted([date(2020, 5, 1), date(2019, 1, 1), date(2020, 1, 1)]))
print(d < date(2024, 2, 1), d == date(2024, 1, 31), {d: 1}[date(2024, 1, 31)], max(dt, datetime(2025, 1, 1)), timedelta(days=1) < timedelta(days=2))
print(time(9, 30), repr(time(9, 30)), repr(time(9, 30, 15)), time(9, 30) < time(10), dtmod.MAXYEAR, date.max, timedelta.max, datetime.combine(d, time(8)))
deadlines = {name: date(2024, 6, 1) + timedelta(days=n * 10) for n, name in enumerate(["plan", "build", "ship"])}
for k, v in deadlines.items():
    print(f"{k:>6}: {v:%d %b} ({(v - date(2024, 6, 1)).days} days)")
for f in [lambda: date(2023, 2, 29), lambda: date(2024, 13, 1), lambda: datetime(2024, 1, 1, 24), lambda: date.fromisoformat("2024/01/01"), lambda: datetime.strptime("x", "%Y")]:
    try:
        f()
    except ValueError as e:
        print("ValueError", e)
