package account

import (
	"context"
	"fmt"

	"github.com/marqueehq/marquee/internal/account/accountdb"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// msgChooseLang is the field error for a language Marquee does not speak.
var msgChooseLang = i18n.Msg("Choose a language from the list.")

// msgNotYourPassword answers a wrong password where one confirms a change.
var msgNotYourPassword = i18n.Msg("That is not your password.")

// validLang reports whether lang may be saved as an account's language:
// one Marquee speaks, or "" for no choice (the switcher's cookie or
// Accept-Language decide then).
func validLang(lang string) bool { return lang == "" || i18n.Supported(lang) }

// SetLang saves the language the user reads the site in (the language
// switcher calls it for a signed-in user; web.LangSaver).
// Errors: ErrInvalid (validate.Errors on "lang"), ErrNotFound.
func (s *Service) SetLang(ctx context.Context, userID int64, lang string) error {
	if !validLang(lang) {
		return validate.Errors{"lang": msgChooseLang}
	}
	n, err := s.q.UserSetLang(ctx, s.pool, accountdb.UserSetLangParams{ID: userID, Lang: lang})
	if err != nil {
		return fmt.Errorf("set language of user %d: %w", userID, err)
	}
	if n == 0 {
		return fmt.Errorf("user %d: %w", userID, ErrNotFound)
	}
	return nil
}
