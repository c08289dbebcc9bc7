// datetime (naive times only): timedelta, date, datetime and time with CPython's reprs, strs,
// isoformat, arithmetic, comparisons, replace, weekday/isoweekday, strftime for the common
// directives, fromisoformat. today()/now() read the engine's simulated clock (time.time()),
// so they are deterministic. No tzinfo support.
export const DATETIME_SOURCE = String.raw`
import time as _time

MINYEAR = 1
MAXYEAR = 9999

_DAYS_IN_MONTH = [-1, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
_DAYS_BEFORE_MONTH = [-1]
_dbm = 0
for _dim in _DAYS_IN_MONTH[1:]:
    _DAYS_BEFORE_MONTH.append(_dbm)
    _dbm += _dim
del _dbm, _dim

_MONTHNAMES = [None, "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_DAYNAMES = [None, "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_FULLMONTHS = [None, "January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December"]
_FULLDAYS = [None, "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_in_month(year, month):
    if month == 2 and _is_leap(year):
        return 29
    return _DAYS_IN_MONTH[month]


def _days_before_year(year):
    y = year - 1
    return y * 365 + y // 4 - y // 100 + y // 400


def _ymd2ord(year, month, day):
    return (_days_before_year(year) + _DAYS_BEFORE_MONTH[month]
            + (month > 2 and _is_leap(year)) + day)


def _ord2ymd(n):
    n -= 1
    n400, n = divmod(n, 146097)
    year = n400 * 400 + 1
    n100, n = divmod(n, 36524)
    n4, n = divmod(n, 1461)
    n1, n = divmod(n, 365)
    year += n100 * 100 + n4 * 4 + n1
    if n1 == 4 or n100 == 4:
        return year - 1, 12, 31
    leapyear = n1 == 3 and (n4 != 24 or n100 == 3)
    month = (n + 50) >> 5
    preceding = _DAYS_BEFORE_MONTH[month] + (month > 2 and leapyear)
    if preceding > n:
        month -= 1
        preceding -= _DAYS_IN_MONTH[month] + (month == 2 and leapyear)
    n -= preceding
    return year, month, n + 1


def _check_int(name, value):
    if not isinstance(value, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(value).__name__)
    return value


def _check_date(year, month, day):
    _check_int('year', year)
    _check_int('month', month)
    _check_int('day', day)
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError('year %d is out of range' % year)
    if not 1 <= month <= 12:
        raise ValueError('month must be in 1..12')
    dim = _days_in_month(year, month)
    if not 1 <= day <= dim:
        raise ValueError('day is out of range for month')


def _check_time(hour, minute, second, microsecond):
    if not 0 <= hour <= 23:
        raise ValueError('hour must be in 0..23')
    if not 0 <= minute <= 59:
        raise ValueError('minute must be in 0..59')
    if not 0 <= second <= 59:
        raise ValueError('second must be in 0..59')
    if not 0 <= microsecond <= 999999:
        raise ValueError('microsecond must be in 0..999999')


def _strftime(fmt, y, mo, d, h, mi, s, us, wd, yd):
    out = []
    i = 0
    n = len(fmt)
    while i < n:
        c = fmt[i]
        if c != '%' or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        k = fmt[i + 1]
        i += 2
        if k == 'Y': out.append('%d' % y)
        elif k == 'y': out.append('%02d' % (y % 100))
        elif k == 'm': out.append('%02d' % mo)
        elif k == 'd': out.append('%02d' % d)
        elif k == 'H': out.append('%02d' % h)
        elif k == 'I': out.append('%02d' % ((h + 11) % 12 + 1))
        elif k == 'M': out.append('%02d' % mi)
        elif k == 'S': out.append('%02d' % s)
        elif k == 'f': out.append('%06d' % us)
        elif k == 'p': out.append('AM' if h < 12 else 'PM')
        elif k == 'a': out.append(_DAYNAMES[wd + 1])
        elif k == 'A': out.append(_FULLDAYS[wd + 1])
        elif k == 'b' or k == 'h': out.append(_MONTHNAMES[mo])
        elif k == 'B': out.append(_FULLMONTHS[mo])
        elif k == 'j': out.append('%03d' % yd)
        elif k == 'w': out.append('%d' % ((wd + 1) % 7))
        elif k == 'u': out.append('%d' % (wd + 1))
        elif k == 'Z' or k == 'z': pass
        elif k == 'F': out.append('%d-%02d-%02d' % (y, mo, d))
        elif k == 'T': out.append('%02d:%02d:%02d' % (h, mi, s))
        elif k == 'D' or k == 'x': out.append('%02d/%02d/%02d' % (mo, d, y % 100))
        elif k == 'X': out.append('%02d:%02d:%02d' % (h, mi, s))
        elif k == 'c': out.append('%s %s %2d %02d:%02d:%02d %d' % (_DAYNAMES[wd + 1], _MONTHNAMES[mo], d, h, mi, s, y))
        elif k == '%': out.append('%')
        else: out.append('%' + k)
    return ''.join(out)


class timedelta:
    __slots__ = ('_days', '_seconds', '_microseconds', '_hashcode')

    def __new__(cls, days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0):
        total = (((weeks * 7 + days) * 24 + hours) * 3600 + minutes * 60 + seconds) * 1000000 \
            + milliseconds * 1000 + microseconds
        if isinstance(total, float):
            total = round(total)
        return cls._from_us(total)

    @classmethod
    def _from_us(cls, us):
        self = object.__new__(cls)
        d, rem = divmod(us, 86400 * 1000000)
        s, u = divmod(rem, 1000000)
        if abs(d) > 999999999:
            raise OverflowError("days=%d; must have magnitude <= 999999999" % d)
        self._days = d
        self._seconds = s
        self._microseconds = u
        self._hashcode = -1
        return self

    def _us(self):
        return (self._days * 86400 + self._seconds) * 1000000 + self._microseconds

    days = property(lambda self: self._days)
    seconds = property(lambda self: self._seconds)
    microseconds = property(lambda self: self._microseconds)

    def total_seconds(self):
        return self._us() / 10 ** 6

    def __repr__(self):
        args = []
        if self._days:
            args.append("days=%d" % self._days)
        if self._seconds:
            args.append("seconds=%d" % self._seconds)
        if self._microseconds:
            args.append("microseconds=%d" % self._microseconds)
        if not args:
            args.append('0')
        return "datetime.timedelta(%s)" % ', '.join(args)

    def __str__(self):
        mm, ss = divmod(self._seconds, 60)
        hh, mm = divmod(mm, 60)
        s = "%d:%02d:%02d" % (hh, mm, ss)
        if self._days:
            plural = 's' if abs(self._days) != 1 else ''
            s = ("%d day%s, " % (self._days, plural)) + s
        if self._microseconds:
            s = s + ".%06d" % self._microseconds
        return s

    def __add__(self, other):
        if isinstance(other, timedelta):
            return timedelta._from_us(self._us() + other._us())
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return timedelta._from_us(self._us() - other._us())
        return NotImplemented

    def __neg__(self):
        return timedelta._from_us(-self._us())

    def __pos__(self):
        return self

    def __abs__(self):
        return -self if self._days < 0 else self

    def __mul__(self, other):
        if isinstance(other, int):
            return timedelta._from_us(self._us() * other)
        if isinstance(other, float):
            a, b = other.as_integer_ratio()
            return timedelta._from_us(_divide_and_round(self._us() * a, b))
        return NotImplemented

    __rmul__ = __mul__

    def __floordiv__(self, other):
        if isinstance(other, timedelta):
            return self._us() // other._us()
        if isinstance(other, int):
            return timedelta._from_us(self._us() // other)
        return NotImplemented

    def __truediv__(self, other):
        if isinstance(other, timedelta):
            return self._us() / other._us()
        if isinstance(other, int):
            return timedelta._from_us(_divide_and_round(self._us(), other))
        if isinstance(other, float):
            a, b = other.as_integer_ratio()
            return timedelta._from_us(_divide_and_round(b * self._us(), a))
        return NotImplemented

    def __mod__(self, other):
        if isinstance(other, timedelta):
            return timedelta._from_us(self._us() % other._us())
        return NotImplemented

    def __divmod__(self, other):
        if isinstance(other, timedelta):
            q, r = divmod(self._us(), other._us())
            return q, timedelta._from_us(r)
        return NotImplemented

    def __eq__(self, other):
        if isinstance(other, timedelta):
            return self._us() == other._us()
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, timedelta):
            return self._us() < other._us()
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, timedelta):
            return self._us() <= other._us()
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, timedelta):
            return self._us() > other._us()
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, timedelta):
            return self._us() >= other._us()
        return NotImplemented

    def __hash__(self):
        return hash((self._days, self._seconds, self._microseconds))

    def __bool__(self):
        return self._days != 0 or self._seconds != 0 or self._microseconds != 0


def _divide_and_round(a, b):
    q, r = divmod(a, b)
    r *= 2
    greater_than_half = r > b if b > 0 else r < b
    if greater_than_half or r == b and q % 2 == 1:
        q += 1
    return q


timedelta.min = timedelta(-999999999)
timedelta.max = timedelta(days=999999999, hours=23, minutes=59, seconds=59, microseconds=999999)
timedelta.resolution = timedelta(microseconds=1)


class date:
    __slots__ = ('_year', '_month', '_day', '_hashcode')

    def __new__(cls, year, month=None, day=None):
        _check_date(year, month, day)
        self = object.__new__(cls)
        self._year = year
        self._month = month
        self._day = day
        self._hashcode = -1
        return self

    @classmethod
    def today(cls):
        t = _time.gmtime(_time.time())
        return cls(t[0], t[1], t[2])

    @classmethod
    def fromordinal(cls, n):
        y, m, d = _ord2ymd(n)
        return cls(y, m, d)

    @classmethod
    def fromisoformat(cls, s):
        if not isinstance(s, str):
            raise TypeError('fromisoformat: argument must be str')
        try:
            if len(s) == 10 and s[4] == '-' and s[7] == '-':
                return cls(int(s[0:4]), int(s[5:7]), int(s[8:10]))
            if len(s) == 8 and s.isdigit():
                return cls(int(s[0:4]), int(s[4:6]), int(s[6:8]))
        except ValueError:
            pass
        raise ValueError(f'Invalid isoformat string: {s!r}')

    year = property(lambda self: self._year)
    month = property(lambda self: self._month)
    day = property(lambda self: self._day)

    def toordinal(self):
        return _ymd2ord(self._year, self._month, self._day)

    def weekday(self):
        return (self.toordinal() + 6) % 7

    def isoweekday(self):
        return self.toordinal() % 7 or 7

    def isocalendar(self):
        year = self._year
        week1monday = _isoweek1monday(year)
        today = _ymd2ord(self._year, self._month, self._day)
        week, day = divmod(today - week1monday, 7)
        if week < 0:
            year -= 1
            week1monday = _isoweek1monday(year)
            week, day = divmod(today - week1monday, 7)
        elif week >= 52:
            if today >= _isoweek1monday(year + 1):
                year += 1
                week = 0
        return IsoCalendarDate(year, week + 1, day + 1)

    def replace(self, year=None, month=None, day=None):
        return type(self)(self._year if year is None else year,
                          self._month if month is None else month,
                          self._day if day is None else day)

    def timetuple(self):
        return (self._year, self._month, self._day, 0, 0, 0, self.weekday(),
                self.toordinal() - _ymd2ord(self._year, 1, 1) + 1, -1)

    def isoformat(self):
        return "%04d-%02d-%02d" % (self._year, self._month, self._day)

    __str__ = isoformat

    def __repr__(self):
        return "%s.%s(%d, %d, %d)" % ('datetime', type(self).__qualname__, self._year, self._month, self._day)

    def ctime(self):
        return "%s %s %2d 00:00:00 %04d" % (_DAYNAMES[self.weekday() + 1], _MONTHNAMES[self._month],
                                            self._day, self._year)

    def strftime(self, fmt):
        return _strftime(fmt, self._year, self._month, self._day, 0, 0, 0, 0, self.weekday(),
                         self.toordinal() - _ymd2ord(self._year, 1, 1) + 1)

    def __format__(self, fmt):
        if not isinstance(fmt, str):
            raise TypeError("must be str, not %s" % type(fmt).__name__)
        if len(fmt) != 0:
            return self.strftime(fmt)
        return str(self)

    def _cmpkey(self):
        return (self._year, self._month, self._day)

    def __eq__(self, other):
        if isinstance(other, date) and not isinstance(other, datetime) and not isinstance(self, datetime):
            return self._cmpkey() == other._cmpkey()
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, date) and not isinstance(other, datetime):
            return self._cmpkey() < other._cmpkey()
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, date) and not isinstance(other, datetime):
            return self._cmpkey() <= other._cmpkey()
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, date) and not isinstance(other, datetime):
            return self._cmpkey() > other._cmpkey()
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, date) and not isinstance(other, datetime):
            return self._cmpkey() >= other._cmpkey()
        return NotImplemented

    def __hash__(self):
        return hash(self._cmpkey())

    def __add__(self, other):
        if isinstance(other, timedelta):
            o = self.toordinal() + other.days
            if 0 < o <= 3652059:
                return type(self).fromordinal(o)
            raise OverflowError("result out of range")
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return self + timedelta(-other.days)
        if isinstance(other, date):
            return timedelta(self.toordinal() - other.toordinal())
        return NotImplemented


class IsoCalendarDate(tuple):
    def __new__(cls, year, week, weekday):
        return super().__new__(cls, (year, week, weekday))

    year = property(lambda self: self[0])
    week = property(lambda self: self[1])
    weekday = property(lambda self: self[2])

    def __repr__(self):
        return f'datetime.IsoCalendarDate(year={self[0]}, week={self[1]}, weekday={self[2]})'


def _isoweek1monday(year):
    firstday = _ymd2ord(year, 1, 1)
    firstweekday = (firstday + 6) % 7
    week1monday = firstday - firstweekday
    if firstweekday > 3:
        week1monday += 7
    return week1monday


date.min = date(1, 1, 1)
date.max = date(9999, 12, 31)
date.resolution = timedelta(days=1)


class time:
    __slots__ = ('_hour', '_minute', '_second', '_microsecond', '_hashcode')

    def __new__(cls, hour=0, minute=0, second=0, microsecond=0):
        _check_time(hour, minute, second, microsecond)
        self = object.__new__(cls)
        self._hour = hour
        self._minute = minute
        self._second = second
        self._microsecond = microsecond
        self._hashcode = -1
        return self

    hour = property(lambda self: self._hour)
    minute = property(lambda self: self._minute)
    second = property(lambda self: self._second)
    microsecond = property(lambda self: self._microsecond)

    def isoformat(self):
        s = "%02d:%02d:%02d" % (self._hour, self._minute, self._second)
        if self._microsecond:
            s += ".%06d" % self._microsecond
        return s

    __str__ = isoformat

    def __repr__(self):
        if self._microsecond != 0:
            s = ", %d, %d" % (self._second, self._microsecond)
        elif self._second != 0:
            s = ", %d" % self._second
        else:
            s = ""
        return "datetime.time(%d, %d%s)" % (self._hour, self._minute, s)

    def strftime(self, fmt):
        return _strftime(fmt, 1900, 1, 1, self._hour, self._minute, self._second, self._microsecond, 0, 1)

    def _cmpkey(self):
        return (self._hour, self._minute, self._second, self._microsecond)

    def __eq__(self, other):
        return self._cmpkey() == other._cmpkey() if isinstance(other, time) else NotImplemented

    def __lt__(self, other):
        return self._cmpkey() < other._cmpkey() if isinstance(other, time) else NotImplemented

    def __le__(self, other):
        return self._cmpkey() <= other._cmpkey() if isinstance(other, time) else NotImplemented

    def __gt__(self, other):
        return self._cmpkey() > other._cmpkey() if isinstance(other, time) else NotImplemented

    def __ge__(self, other):
        return self._cmpkey() >= other._cmpkey() if isinstance(other, time) else NotImplemented

    def __hash__(self):
        return hash(self._cmpkey())


class datetime(date):
    __slots__ = ('_hour', '_minute', '_second', '_microsecond')

    def __new__(cls, year, month=None, day=None, hour=0, minute=0, second=0, microsecond=0):
        _check_date(year, month, day)
        _check_time(hour, minute, second, microsecond)
        self = object.__new__(cls)
        self._year = year
        self._month = month
        self._day = day
        self._hour = hour
        self._minute = minute
        self._second = second
        self._microsecond = microsecond
        self._hashcode = -1
        return self

    hour = property(lambda self: self._hour)
    minute = property(lambda self: self._minute)
    second = property(lambda self: self._second)
    microsecond = property(lambda self: self._microsecond)

    @classmethod
    def now(cls, tz=None):
        return cls.fromtimestamp(_time.time())

    @classmethod
    def today(cls):
        return cls.fromtimestamp(_time.time())

    utcnow = now

    @classmethod
    def fromtimestamp(cls, t, tz=None):
        us = round(t * 1000000)
        secs, us = divmod(us, 1000000)
        days, secs = divmod(secs, 86400)
        y, m, d = _ord2ymd(days + _ymd2ord(1970, 1, 1))
        hh, rem = divmod(secs, 3600)
        mm, ss = divmod(rem, 60)
        return cls(y, m, d, hh, mm, ss, us)

    @classmethod
    def combine(cls, date, time):
        return cls(date.year, date.month, date.day, time.hour, time.minute, time.second, time.microsecond)

    @classmethod
    def fromisoformat(cls, s):
        if not isinstance(s, str):
            raise TypeError('fromisoformat: argument must be str')
        d = date.fromisoformat(s[:10])
        rest = s[11:]
        h = mi = sec = us = 0
        try:
            if rest:
                parts = rest.split(':')
                h = int(parts[0])
                if len(parts) > 1:
                    mi = int(parts[1])
                if len(parts) > 2:
                    secpart = parts[2]
                    if '.' in secpart:
                        a, b = secpart.split('.')
                        sec = int(a)
                        us = int((b + '000000')[:6])
                    else:
                        sec = int(secpart)
        except ValueError:
            raise ValueError(f'Invalid isoformat string: {s!r}') from None
        return cls(d.year, d.month, d.day, h, mi, sec, us)

    @classmethod
    def strptime(cls, s, fmt):
        values = {'Y': 1900, 'm': 1, 'd': 1, 'H': 0, 'M': 0, 'S': 0, 'f': 0}
        i = j = 0
        while i < len(fmt):
            if fmt[i] == '%' and i + 1 < len(fmt):
                k = fmt[i + 1]
                width = 4 if k == 'Y' else 6 if k == 'f' else 2
                start = j
                while j < len(s) and j - start < width and s[j].isdigit():
                    j += 1
                if start == j or k not in values:
                    raise ValueError("time data %r does not match format %r" % (s, fmt))
                values[k] = int(s[start:j])
                i += 2
            else:
                if j >= len(s) or s[j] != fmt[i]:
                    raise ValueError("time data %r does not match format %r" % (s, fmt))
                i += 1
                j += 1
        if j != len(s):
            raise ValueError("unconverted data remains: %s" % s[j:])
        return cls(values['Y'], values['m'], values['d'], values['H'], values['M'], values['S'], values['f'])

    def date(self):
        return date(self._year, self._month, self._day)

    def time(self):
        return time(self._hour, self._minute, self._second, self._microsecond)

    def timestamp(self):
        return ((self.toordinal() - _ymd2ord(1970, 1, 1)) * 86400 + self._hour * 3600
                + self._minute * 60 + self._second) + self._microsecond / 1e6

    def replace(self, year=None, month=None, day=None, hour=None, minute=None, second=None,
                microsecond=None):
        return type(self)(self._year if year is None else year,
                          self._month if month is None else month,
                          self._day if day is None else day,
                          self._hour if hour is None else hour,
                          self._minute if minute is None else minute,
                          self._second if second is None else second,
                          self._microsecond if microsecond is None else microsecond)

    def isoformat(self, sep='T', timespec='auto'):
        s = "%04d-%02d-%02d%s%02d:%02d:%02d" % (self._year, self._month, self._day, sep,
                                                self._hour, self._minute, self._second)
        if self._microsecond:
            s += ".%06d" % self._microsecond
        return s

    def __str__(self):
        return self.isoformat(sep=' ')

    def __repr__(self):
        L = [self._year, self._month, self._day, self._hour, self._minute, self._second, self._microsecond]
        if L[-1] == 0:
            del L[-1]
        if L[-1] == 0:
            del L[-1]
        return "%s.%s(%s)" % ('datetime', type(self).__qualname__, ", ".join(map(str, L)))

    def ctime(self):
        return "%s %s %2d %02d:%02d:%02d %04d" % (_DAYNAMES[self.weekday() + 1], _MONTHNAMES[self._month],
                                                  self._day, self._hour, self._minute, self._second, self._year)

    def strftime(self, fmt):
        return _strftime(fmt, self._year, self._month, self._day, self._hour, self._minute,
                         self._second, self._microsecond, self.weekday(),
                         self.toordinal() - _ymd2ord(self._year, 1, 1) + 1)

    def _cmpkey(self):
        return (self._year, self._month, self._day, self._hour, self._minute, self._second, self._microsecond)

    def __eq__(self, other):
        if isinstance(other, datetime):
            return self._cmpkey() == other._cmpkey()
        if isinstance(other, date):
            return False
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, datetime):
            return self._cmpkey() < other._cmpkey()
        if isinstance(other, date):
            raise TypeError("can't compare datetime.datetime to datetime.date")
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, datetime):
            return self._cmpkey() <= other._cmpkey()
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, datetime):
            return self._cmpkey() > other._cmpkey()
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, datetime):
            return self._cmpkey() >= other._cmpkey()
        return NotImplemented

    def __hash__(self):
        return hash(self._cmpkey())

    def _us(self):
        return (((self.toordinal() * 24 + self._hour) * 60 + self._minute) * 60 + self._second) * 1000000 \
            + self._microsecond

    @classmethod
    def _from_total_us(cls, us):
        days, us = divmod(us, 86400 * 1000000)
        if not 0 < days <= 3652059:
            raise OverflowError("date value out of range")
        y, m, d = _ord2ymd(days)
        secs, us = divmod(us, 1000000)
        hh, rem = divmod(secs, 3600)
        mm, ss = divmod(rem, 60)
        return cls(y, m, d, hh, mm, ss, us)

    def __add__(self, other):
        if isinstance(other, timedelta):
            return type(self)._from_total_us(self._us() + other._us())
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return type(self)._from_total_us(self._us() - other._us())
        if isinstance(other, datetime):
            return timedelta._from_us(self._us() - other._us())
        return NotImplemented


datetime.min = datetime(1, 1, 1)
datetime.max = datetime(9999, 12, 31, 23, 59, 59, 999999)
datetime.resolution = timedelta(microseconds=1)
`;
