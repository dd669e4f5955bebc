package account

import (
	"context"
	"fmt"

	"github.com/marqueehq/marquee/internal/account/accountdb"
)

// ResealPhones re-encrypts, in batches, every phone number sealed with a key
// other than the current one, and returns how many it re-sealed. After a
// key rotation (a new key first in DATA_KEYS, the old one still listed), run
// it (`server reseal`); then the old key can be removed.
func (s *Service) ResealPhones(ctx context.Context) (int, error) {
	if s.opts.Sealer == nil {
		return 0, fmt.Errorf("reseal phones: no data keys configured")
	}
	total := 0
	for {
		rows, err := s.q.UserListSealedPhonesNotWithKey(ctx, s.pool, s.opts.Sealer.Current())
		if err != nil {
			return total, fmt.Errorf("list phones to reseal: %w", err)
		}
		if len(rows) == 0 {
			return total, nil
		}
		for _, r := range rows {
			phone, err := s.opts.Sealer.Open(r.PhoneSealed, phoneContext(r.ID))
			if err != nil {
				return total, fmt.Errorf("open phone of user %d: %w", r.ID, err)
			}
			sealed, err := s.opts.Sealer.Seal(phone, phoneContext(r.ID))
			if err != nil {
				return total, fmt.Errorf("seal phone of user %d: %w", r.ID, err)
			}
			if err := s.q.UserSetPhoneSealed(ctx, s.pool, accountdb.UserSetPhoneSealedParams{ID: r.ID, PhoneSealed: sealed}); err != nil {
				return total, fmt.Errorf("store phone of user %d: %w", r.ID, err)
			}
			total++
		}
	}
}
