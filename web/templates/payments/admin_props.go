package payments

// AdminListProps is the staff payments list.
type AdminListProps struct {
	States []StateFilter
	Rows   []PaymentRow
	Check  *CheckView
	// Mismatches are successes held because they took another amount or
	// currency than their payment's.
	Mismatches []MismatchRow
	// PrevHref and NextHref page through the list ("" at either end).
	PrevHref string
	NextHref string
}

// StateFilter is one tab of the list's state filter.
type StateFilter struct {
	Label   string
	Href    string
	Count   int64
	Current bool
}

// PaymentRow is one payment in a list.
type PaymentRow struct {
	ID          int64
	Href        string
	BookingCode string
	BookingHref string
	Amount      string
	Refunded    string // "" when nothing was refunded
	State       string
	Tone        string
	Provider    string
	ProviderID  string
	Attempt     int
	Card        string // "Visa ·· 4242"
	Created     string
}

// CheckView is the latest daily check of payment against booking states.
type CheckView struct {
	At       string
	Bookings int
	Found    []DisagreementRow
}

// MismatchRow is a success held for staff: what the provider took is not
// what the payment is for.
type MismatchRow struct {
	PaymentID   int64
	PaymentHref string
	State       string
	At          string
	Note        string
}

// DisagreementRow is a booking whose payment and booking states disagree.
type DisagreementRow struct {
	BookingID    int64
	PaymentHref  string
	PaymentState string
	BookingState string
	Note         string
}

// AdminDetailProps is one payment for staff.
type AdminDetailProps struct {
	Payment        PaymentRow
	Description    string
	HoldUntil      string
	IdempotencyKey string
	Failure        string
	OutcomeNote    string
	History        []HistoryRow
	Refunds        []RefundRow
	Events         []EventRow
	// Refund form (admins only, while money is left to refund).
	CanRefund    bool
	Refundable   string
	RefundAction string
	Nonce        string
	Amount       string
	Reason       string
	Errors       map[string]string
}

// HistoryRow is one state change.
type HistoryRow struct {
	At, From, To, Source, Note string
}

// RefundRow is one refund.
type RefundRow struct {
	Amount, State, Tone, Reason, ProviderID, Error, RequestedBy, At string
}

// WebhooksProps is the provider event log.
type WebhooksProps struct {
	Rows      []EventRow
	CanReplay bool
	PrevHref  string
	NextHref  string
}

// EventRow is one stored provider event.
type EventRow struct {
	ID           int64
	Provider     string
	EventID      string
	Type         string
	ObjectID     string
	Received     string
	Applied      string // "" while not applied
	Attempts     int
	Result       string
	LastError    string
	ReplayAction string
}
