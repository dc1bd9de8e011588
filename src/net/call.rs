//! One request made outside the SDK (the console federation endpoint, Sign-In's token
//! endpoint), through the same connector, proxies and trusted CAs as the SDK's calls.

use std::time::Duration;

use aws_smithy_runtime_api::client::http::{HttpConnector, HttpConnectorSettings};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_types::body::SdkBody;
use http_body_util::BodyExt;
use hyper::body::Bytes;

/// Send `request`, returning the status and body. Errors are described by kind only (or
/// by what aws-login can name: a proxy, a certificate): their text could quote the
/// request, which may carry secrets.
pub async fn send(request: http::Request<SdkBody>) -> Result<(hyper::StatusCode, Bytes), String> {
    let settings = HttpConnectorSettings::builder()
        .connect_timeout(Duration::from_secs(5))
        .build();
    let connector = super::connector(&settings).map_err(|e| e.to_string())?;
    let request = HttpRequest::try_from(request).map_err(|_| "bad URL".to_string())?;
    let resp = connector.call(request).await.map_err(|e| {
        super::explain(&e).unwrap_or_else(|| {
            if e.is_timeout() {
                "the connection timed out".to_string()
            } else {
                "connection failed".to_string()
            }
        })
    })?;
    let status = hyper::StatusCode::from_u16(resp.status().as_u16())
        .map_err(|_| "the answer was not HTTP".to_string())?;
    let body = resp
        .into_body()
        .collect()
        .await
        .map_err(|_| "the answer was cut off".to_string())?
        .to_bytes();
    Ok((status, body))
}
