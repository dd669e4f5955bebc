package i18n

import (
	"context"
	"strconv"
	"time"
)

// calendar holds a language's month and weekday names (CLDR's
// stand-alone and format widths) and how it orders a date.
type calendar struct {
	months, shortMonths     [12]string
	weekdays, shortWeekdays [7]string // Sunday first, as time.Weekday
	// of joins a day and a month in long dates ("2 de enero").
	of string
	// comma follows a weekday ("lunes, 2 de enero").
	comma string
	// twelveHour writes times as 3:04 pm.
	twelveHour bool
	am, pm     string
}

var calendars = map[string]calendar{
	"en": {
		months:        [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		shortMonths:   [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
		weekdays:      [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
		shortWeekdays: [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"},
	},
	"hi": {
		months:        [12]string{"जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्तूबर", "नवंबर", "दिसंबर"},
		shortMonths:   [12]string{"जन॰", "फ़र॰", "मार्च", "अप्रैल", "मई", "जून", "जुल॰", "अग॰", "सित॰", "अक्तू॰", "नव॰", "दिस॰"},
		weekdays:      [7]string{"रविवार", "सोमवार", "मंगलवार", "बुधवार", "गुरुवार", "शुक्रवार", "शनिवार"},
		shortWeekdays: [7]string{"रवि", "सोम", "मंगल", "बुध", "गुरु", "शुक्र", "शनि"},
		comma:         ",",
		twelveHour:    true, am: "am", pm: "pm",
	},
	"es": {
		months:        [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		shortMonths:   [12]string{"ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"},
		weekdays:      [7]string{"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"},
		shortWeekdays: [7]string{"dom", "lun", "mar", "mié", "jue", "vie", "sáb"},
		of:            " de",
		comma:         ",",
	},
}

func cal(ctx context.Context) calendar { return calendars[Lang(ctx)] }

// Time writes t's clock time: 15:04, or 3:04 pm where the language uses a
// twelve-hour clock. Convert t to the theater's zone first.
func Time(ctx context.Context, t time.Time) string {
	c := cal(ctx)
	if !c.twelveHour {
		return t.Format("15:04")
	}
	suffix := c.am
	if t.Hour() >= 12 {
		suffix = c.pm
	}
	return t.Format("3:04") + " " + suffix
}

// Weekday writes t's short weekday: "Mon", "lun", "सोम".
func Weekday(ctx context.Context, t time.Time) string {
	return cal(ctx).shortWeekdays[t.Weekday()]
}

// Day writes a short day: "Mon 2 Jan", "lun, 2 ene", "सोम, 2 जन॰".
func Day(ctx context.Context, t time.Time) string {
	c := cal(ctx)
	return c.shortWeekdays[t.Weekday()] + c.comma + " " + strconv.Itoa(t.Day()) + " " + c.shortMonths[t.Month()-1]
}

// LongDay writes a long day: "Monday 2 January", "lunes, 2 de enero".
func LongDay(ctx context.Context, t time.Time) string {
	c := cal(ctx)
	return c.weekdays[t.Weekday()] + c.comma + " " + dayMonth(c, t)
}

// Date writes a short date: "2 Jan 2006", "2 ene 2006".
func Date(ctx context.Context, t time.Time) string {
	c := cal(ctx)
	return strconv.Itoa(t.Day()) + " " + c.shortMonths[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// LongDate writes a long date: "Monday 2 January 2006",
// "lunes, 2 de enero de 2006".
func LongDate(ctx context.Context, t time.Time) string {
	c := cal(ctx)
	return LongDay(ctx, t) + c.of + " " + strconv.Itoa(t.Year())
}

// DayTime writes a short day and time: "Mon 2 Jan, 15:04".
func DayTime(ctx context.Context, t time.Time) string {
	return Day(ctx, t) + ", " + Time(ctx, t)
}

// LongDateTime writes a long date and time: "Monday 2 January 2006, 15:04".
func LongDateTime(ctx context.Context, t time.Time) string {
	return LongDate(ctx, t) + ", " + Time(ctx, t)
}

func dayMonth(c calendar, t time.Time) string {
	return strconv.Itoa(t.Day()) + c.of + " " + c.months[t.Month()-1]
}
