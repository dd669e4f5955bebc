package notify

import "net/http"

// UsePushClient lets tests trust their local TLS push service.
func UsePushClient(w *WebPush, c *http.Client) { w.client = c }
