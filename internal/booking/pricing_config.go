package booking

import (
	"fmt"
	"strconv"
	"strings"
)

// ParsePricing reads a pricing policy from "FEE/TAX,CUR:FEE/TAX,...": the
// first entry without a currency is the default, e.g. "75/0,INR:2000/0"
// (fee per ticket in minor units / tax in basis points).
func ParsePricing(spec string) (PricingPolicy, error) {
	p := PricingPolicy{Default: DefaultPricingPolicy().Default, ByCurrency: map[string]Charges{}}
	for _, part := range strings.Split(spec, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		cur, charges, hasCur := strings.Cut(part, ":")
		if !hasCur {
			charges, cur = cur, ""
		}
		feeS, taxS, ok := strings.Cut(charges, "/")
		fee, ferr := strconv.ParseInt(feeS, 10, 64)
		tax, terr := strconv.ParseInt(taxS, 10, 64)
		if !ok || ferr != nil || terr != nil || fee < 0 || tax < 0 || tax > 10_000 {
			return PricingPolicy{}, fmt.Errorf("%q: want FEE/TAX_BASIS_POINTS, optionally after a CUR: prefix", part)
		}
		c := Charges{FeePerTicket: fee, TaxBasisPoints: tax}
		if cur == "" {
			p.Default = c
			continue
		}
		if len(cur) != 3 || strings.ToUpper(cur) != cur {
			return PricingPolicy{}, fmt.Errorf("%q: currency must be a 3-letter code like INR", part)
		}
		p.ByCurrency[cur] = c
	}
	return p, nil
}
