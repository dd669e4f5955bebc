package payments

// giftCardMinValidity is how many months a gift card must stay valid from
// the day it is issued, by its currency, which stands for where it is
// spent. Staff may choose a longer validity, never a shorter one. A
// currency missing here cannot be issued in: add it with its rule.
//
//	INR 12 months: the Reserve Bank of India's Master Direction on Prepaid
//	       Payment Instruments (2021) gives gift PPIs a validity of at
//	       least one year from issue.
//	GBP 24 months: UK law sets no minimum; two years is common practice
//	       among UK retailers and cinemas (and what buyers expect).
//	EUR 36 months: the euro area has no common rule; three years covers
//	       the general limitation period that German courts apply to
//	       vouchers (BGB §195), the longest floor among Marquee's markets.
//	USD 60 months: the US Credit CARD Act of 2009 (15 U.S.C. §1693l-1,
//	       Regulation E §1005.20): a gift card may not expire within five
//	       years of its issue.
func giftCardMinValidity(currency string) (months int, ok bool) {
	switch currency {
	case "INR":
		return 12, true
	case "GBP":
		return 24, true
	case "EUR":
		return 36, true
	case "USD":
		return 60, true
	}
	return 0, false
}

// giftCardMaxValidity bounds the validity staff may choose (ten years):
// past it a typing slip, not a policy.
const giftCardMaxValidity = 120

// GiftCardCurrencies are the currencies gift cards may be issued in: those
// of giftCardMinValidity.
func GiftCardCurrencies() []string { return []string{"GBP", "INR", "EUR", "USD"} }
