package i18n

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRuntimeIsWrittenInEachLanguage(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "2h 07m", Runtime(in("en"), 127))
	assert.Equal(t, "2 घं 07 मि", Runtime(in("hi"), 127))
	assert.Equal(t, "2 h 07 min", Runtime(in("es"), 127))
	assert.Equal(t, "1h 00m", Runtime(in("en"), 60))
	assert.Equal(t, "45m", Runtime(in("en"), 45), "under an hour: the minutes alone")
	assert.Equal(t, "45 मि", Runtime(in("hi"), 45))
	assert.Equal(t, "45 min", Runtime(in("es"), 45))
	assert.Empty(t, Runtime(in("hi"), 0), "an unknown runtime writes nothing")
}

func TestGenresAreTranslatedAndUnknownOnesKept(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "हॉरर", Genre(in("hi"), "Horror"))
	assert.Equal(t, "Terror", Genre(in("es"), "Horror"))
	assert.Equal(t, "Ciencia ficción", Genre(in("es"), "science fiction"), "stored case does not matter")
	assert.Equal(t, "Horror", Genre(in("en"), "Horror"))
	assert.Equal(t, "Kaiju", Genre(in("hi"), "Kaiju"), "a genre no catalogue knows is shown as stored")
	assert.Equal(t, []string{"ड्रामा", "थ्रिलर"}, Genres(in("hi"), []string{"Drama", "Thriller"}))
	assert.Nil(t, Genres(in("hi"), nil))
}

func TestLanguageNamesComeFromCLDR(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "कोरियाई", LanguageName(in("hi"), "Korean"))
	assert.Equal(t, "अंग्रेज़ी", LanguageName(in("hi"), "English"))
	assert.Equal(t, "Coreano", LanguageName(in("es"), "Korean"), "a label on its own is capitalised")
	assert.Equal(t, "coreano", LanguageNameInText(in("es"), "korean"), "inside a sentence Spanish writes it in lower case")
	assert.Equal(t, "Korean", LanguageName(in("en"), "Korean"))
	assert.Equal(t, "Klingon", LanguageName(in("hi"), "Klingon"), "a name CLDR does not know is shown as stored")
	assert.Equal(t, []string{"Inglés", "Hindi"}, LanguageNames(in("es"), []string{"English", "Hindi"}))
}
