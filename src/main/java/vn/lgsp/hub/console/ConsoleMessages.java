package vn.lgsp.hub.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The console's texts, Vietnamese here (the default language); English in
 * {@code messages/msg_en.properties}. Templates use them as {@code msg:key}. Checked at build
 * time: a template naming a missing key fails the build.
 */
@MessageBundle(value = "msg", locale = "vi")
public interface ConsoleMessages {

    @Message("Bảng điều khiển LGSP") String app_name();
    @Message("Chuyển đến nội dung chính") String skip_to_content();
    @Message("Điều hướng chính") String nav_label();
    @Message("Tổng quan") String nav_overview();
    @Message("Kết nối") String nav_connections();
    @Message("Giao dịch") String nav_traffic();
    @Message("Nhật ký") String nav_audit();
    @Message("Nhật ký kiểm toán") String audit_title();
    @Message("Người thực hiện") String col_actor();
    @Message("Hành động") String col_action();
    @Message("Kết quả") String col_outcome();
    @Message("Hệ thống") String col_system();
    @Message("Đối tượng") String col_target();

    @Message("Vai trò") String col_roles();
    @Message("ví dụ system.updated, grant.approved, access.denied") String audit_action_hint();
    @Message("Đến ngày (gồm cả ngày này)") String audit_to();
    @Message("{#when outcome}{#is 'done'}Đã thực hiện{#is 'denied'}Bị từ chối{#else}{outcome}{/when}") String audit_outcome(String outcome);
    @Message("Hệ thống của tôi") String nav_owner();
    @Message("Quyền truy cập") String nav_grants();
    @Message("{name} ({roles})") String signed_in_as(String name, String roles);
    @Message("Đăng xuất") String sign_out();
    @Message("Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP) – số liệu theo giờ Việt Nam (Asia/Ho_Chi_Minh)") String footer();

    @Message("Đã đăng xuất") String signed_out_title();
    @Message("Bạn đã đăng xuất khỏi bảng điều khiển và khỏi nhà cung cấp định danh.") String signed_out_text();
    @Message("Đăng nhập lại") String sign_in_again();

    @Message("Không tìm thấy trang") String error_not_found_title();

    @Message("Địa chỉ này không dẫn tới trang nào của bảng điều khiển. Có thể liên kết đã cũ hoặc gõ nhầm.") String error_not_found_text();

    @Message("Không thực hiện được yêu cầu") String error_title();

    @Message("LGSP không xử lý được yêu cầu này (mã {code}). Khi liên hệ quản trị, hãy báo mã giao dịch {tx}.") String error_text(String code, String tx);

    @Message("Không có quyền truy cập") String forbidden_title();
    @Message("Vai trò của bạn không được phép xem trang này hoặc thực hiện thao tác này.") String forbidden_text();
    @Message("Về trang chính") String back_home();

    @Message("Tổng quan giao dịch") String overview_title();
    @Message("Tổng số giao dịch") String overview_totals();
    @Message("Hôm nay") String overview_today();
    @Message("Tháng này") String overview_month();
    @Message("Từ khi triển khai") String overview_since_start();
    @Message("trong đó nhập từ lịch sử: {n}") String overview_imported(String n);
    @Message("Tỷ lệ lỗi hôm nay") String overview_error_rate();
    @Message("Độ trễ p95 hôm nay") String overview_p95();
    @Message("Hệ thống kết nối") String overview_connections();
    @Message("{connected}/{listed} hệ thống đã kết nối ({registered} đã đăng ký trên LGSP)") String overview_tally(int connected, int listed, int registered);
    @Message("Báo cáo kết nối") String overview_report_link();

    @Message("Tải CSV") String connections_csv();

    @Message("Xoá") String remove();

    @Message("Thăm dò (đường dẫn)") String probe_target();

    @Message("mỗi (giây)") String probe_interval();

    @Message("Dừng thăm dò") String probe_stop();

    @Message("{#when column}{#is 'transactionId'}Mã giao dịch{#is 'correlationId'}Mã giao dịch của bên gọi{#is 'receivedAt'}Thời điểm nhận"
            + "{#is 'consumer'}Hệ thống khai thác{#is 'provider'}Hệ thống cung cấp{#is 'service'}Dịch vụ{#is 'serviceVersion'}Phiên bản"
            + "{#is 'connectorType'}Loại kết nối{#is 'method'}Phương thức{#is 'pathPattern'}Mẫu đường dẫn{#is 'statusCode'}Mã trạng thái"
            + "{#is 'success'}Thành công{#is 'errorCode'}Mã lỗi{#is 'fault'}Lỗi SOAP{#is 'durationMs'}Thời gian xử lý (ms)"
            + "{#is 'requestBytes'}Dung lượng yêu cầu (byte){#is 'responseBytes'}Dung lượng phản hồi (byte)"
            + "{#is 'requestSha256'}SHA-256 yêu cầu{#is 'responseSha256'}SHA-256 phản hồi{#is 'hubInstance'}Máy chủ LGSP{#is 'clientProfile'}Quy ước máy khách{#else}{column}{/when}")
    String csv_transaction_column(String column);

    @Message("Lưu") String save();

    @Message("Chờ bạn phê duyệt") String grants_queue();

    @Message("Các yêu cầu truy cập tới dịch vụ của tổ chức bạn đang chờ quyết định; phê duyệt hoặc từ chối ở bảng bên dưới.") String grants_queue_hint();

    @Message("Cần chú ý") String attention_title();

    @Message("Mọi hệ thống đã đăng ký đều đang kết nối bình thường.") String attention_none();

    @Message("Kết nối") String connection_status();

    @Message("{#if by == 'probe'}thăm dò điểm cuối thất bại{#else if by == 'transactions'}nhiều giao dịch lỗi{#else}điểm cuối không phản hồi{/if}{#if detail} ({detail}){/if}") String connection_cause(String by, String detail);

    @Message("Tôi chắc chắn muốn thu hồi") String confirm_revoke();

    @Message("Dịch vụ cần truy cập") String request_service();

    @Message("Hiệu lực đến hết ngày (để trống: không thời hạn)") String request_last_day();

    @Message("Giới hạn yêu cầu mỗi giây (để trống: không giới hạn)") String request_per_second();

    @Message("Giới hạn yêu cầu mỗi ngày (để trống: không giới hạn)") String request_per_day();

    @Message("Không có thao tác nào áp dụng cho trạng thái hiện tại của hệ thống.") String lifecycle_none();

    @Message("Tôi chắc chắn muốn xoá") String confirm_remove();

    @Message("Số giao dịch theo phút (trực tiếp)") String live_title();
    @Message("Giao dịch mỗi phút") String live_series();
    @Message("Trong cửa sổ:") String live_window_label();
    @Message("phút vừa qua:") String live_last_minute();
    @Message("đang kết nối…") String live_connecting();
    @Message("mất kết nối, đang thử lại…") String live_offline();
    @Message("trực tiếp") String live_online();
    @Message("Biểu đồ số giao dịch mỗi phút; bảng số liệu ở ngay bên dưới") String live_chart_alt();
    @Message("Bảng số liệu của biểu đồ") String live_table();

    @Message("Kết nối của các hệ thống trong danh mục") String connections_title();
    @Message("Trạng thái theo báo cáo kết nối: kết quả thăm dò và giao dịch thực tế qua LGSP.") String connections_note();
    @Message("Hiển thị {shown}/{listed} hệ thống") String connections_count(int shown, int listed);
    @Message("Phạm vi") String filter_scope();
    @Message("Trạng thái") String filter_status();
    @Message("Tất cả") String filter_all();
    @Message("Lọc") String filter_apply();

    @Message("Mã") String col_id();
    @Message("Mã") String col_code();
    @Message("Tên") String col_name();
    @Message("Phạm vi") String col_scope();
    @Message("Cuối năm 2025") String col_listed();
    @Message("Trạng thái") String col_status();
    @Message("Từ ngày") String col_since();
    @Message("Cơ quan chủ quản") String col_owner();
    @Message("Tổ chức quản lý (ownerOrg)") String owner_org();
    @Message("Phiên bản") String col_version();
    @Message("Thao tác") String col_operation();
    @Message("Tài liệu mô tả") String col_document();
    @Message("Hành động") String col_actions();
    @Message("Bộ kết nối") String col_connector();
    @Message("Địa chỉ") String col_address();
    @Message("Thời gian chờ") String col_timeout();
    @Message("Xác thực") String col_auth();
    @Message("Khóa bí mật") String col_secret();
    @Message("Ngày") String col_day();
    @Message("Phút") String col_minute();
    @Message("Giao dịch") String col_transactions();
    @Message("Lỗi") String col_failures();
    @Message("Hệ thống khai thác") String col_consumer();
    @Message("Hệ thống cung cấp") String col_provider();
    @Message("Dịch vụ") String col_service();
    @Message("Mã giao dịch") String col_transaction();
    @Message("Thời điểm") String col_time();
    @Message("Thời lượng") String col_duration();
    @Message("Bằng chứng") String col_evidence();
    @Message("Tải bằng chứng") String evidence_download();
    @Message("Điểm kết nối") String col_endpoint();
    @Message("Kết quả thăm dò") String col_result();
    @Message("Lịch sử thăm dò") String probes_title();
    @Message("Biểu đồ thời gian phản hồi của các lần thăm dò gần nhất; điểm đỏ là lần thăm dò thất bại. Số liệu nằm trong bảng bên dưới.") String probes_chart_alt();
    @Message("Chưa có lần thăm dò nào.") String probes_none();
    @Message("Hoạt động") String probe_up();
    @Message("Không phản hồi") String probe_down();

    @Message("{#when scope}{#is 'central'}Trung ương{#is 'provincial'}Cấp tỉnh{#is 'commune'}Cấp xã{#else}{scope}{/when}") String scope(String scope);
    @Message("{#when listed}{#is 'connected'}Đã kết nối{#is 'not-connected'}Chưa kết nối{#else}{listed}{/when}") String listed(String listed);
    @Message("{#when status}{#is 'active'}Đang hoạt động{#is 'pending_approval'}Chờ phê duyệt{#is 'draft'}Nháp{#is 'suspended'}Tạm dừng{#is 'retired'}Ngừng sử dụng{#is 'unregistered'}Chưa đăng ký{#is 'not_registered'}Chưa đăng ký{#is 'registered'}Đã đăng ký, chưa kết nối{#is 'connected'}Đã kết nối{#is 'degraded'}Kết nối có lỗi{#is 'disconnected'}Mất kết nối{#else}{status}{/when}") String status(String status);
    @Message("{#when status}{#is 'published'}Đã công bố{#is 'draft'}Nháp{#is 'withdrawn'}Đã thu hồi{#else}{status}{/when}") String service_status(String status);
    @Message("{#when status}{#is 'active'}Hiệu lực{#is 'requested'}Chờ phê duyệt{#is 'rejected'}Bị từ chối{#is 'revoked'}Đã thu hồi{#is 'expired'}Hết hạn{#else}{status}{/when}") String grant_status(String status);
    @Message("{#when action}{#is 'submit'}Gửi phê duyệt{#is 'approve'}Phê duyệt{#is 'reject'}Từ chối{#is 'suspend'}Tạm dừng{#is 'resume'}Hoạt động lại{#is 'retire'}Ngừng sử dụng{#else}{action}{/when}") String action(String action);

    @Message("từ") String since();
    @Message("Cấp độ an toàn") String security_level();
    @Message("Mục trong danh mục") String catalogue_entry();

    @Message("Quy ước LGSP cũ được chấp nhận") String compat_profile();

    @Message("không (chỉ API của hub)") String compat_none();
    @Message("Dịch vụ chia sẻ") String services_title();
    @Message("Điểm kết nối") String endpoints_title();
    @Message("Khóa bí mật không bao giờ được hiển thị; chỉ biết đã đặt hay chưa và khi nào.") String endpoints_no_secrets();
    @Message("Đã đặt ({when})") String secret_set(String when);
    @Message("Chưa đặt") String secret_none();
    @Message("Số giao dịch theo ngày (là hệ thống cung cấp)") String volume_title();
    @Message("Khoảng thời gian") String period_label();
    @Message("ngày/tháng/năm") String date_placeholder();
    @Message("Từ ngày") String period_from();
    @Message("Đến ngày") String period_to();
    @Message("Xem") String period_apply();
    @Message("{days} ngày qua") String period_days(int days);
    @Message("Tháng này") String period_month();
    @Message("Năm nay") String period_year();
    @Message("Theo khoảng thời gian") String period_title();
    @Message("Từ {from} đến hết {to}: {calls} giao dịch, {failures} lỗi ({rate}).") String period_summary(String from, String to, String calls, String failures, String rate);
    @Message("Biểu đồ cột số giao dịch theo ngày; số liệu trong bảng bên dưới") String volume_chart_alt();
    @Message("Hệ thống khai thác nhiều nhất (30 ngày)") String top_consumers();
    @Message("Quản lý hệ thống này") String manage_system();
    @Message("Không có dữ liệu.") String none();

    @Message("Tra cứu giao dịch") String traffic_title();
    @Message("Từ ngày") String traffic_from();
    @Message("Đến ngày (gồm cả ngày này)") String traffic_to();
    @Message("mã (404), nhóm (5xx), succeeded hoặc failed") String traffic_status_hint();
    @Message("Tìm") String search();
    @Message("Xuất CSV") String export_csv();
    @Message("Trang {page}") String traffic_page(int page);
    @Message("{#if matched == '0'}Không có kết quả.{#else}Kết quả {first}–{last} trong {#if capped}hơn {/if}{matched}.{/if}") String results(String first, String last, String matched, boolean capped);
    @Message("Phân trang") String pages();
    @Message("Trang trước") String previous();
    @Message("Trang sau") String next();

    @Message("Hệ thống của tôi") String owner_title();
    @Message("Các hệ thống bạn quản lý") String owner_systems();
    @Message("Đăng ký hệ thống thông tin") String register_title();
    @Message("chữ thường, số và dấu gạch ngang, ví dụ camau-dvc") String code_hint();
    @Message("Tên tiếng Việt") String name_vi();
    @Message("Tên tiếng Anh") String name_en();
    @Message("Người liên hệ") String contact_name();
    @Message("Thư điện tử liên hệ") String contact_email();
    @Message("Đăng ký") String register();
    @Message("Vòng đời") String lifecycle_title();
    @Message("Thao tác") String lifecycle_action();
    @Message("Lý do") String reason();
    @Message("Thực hiện") String apply();
    @Message("Thêm điểm kết nối") String add_endpoint();
    @Message("Thêm dịch vụ") String add_service();
    @Message("Thêm") String add();
    @Message("Tên header khóa API") String auth_header();
    @Message("Tên đăng nhập") String auth_username();
    @Message("Điểm kết nối") String endpoint();
    @Message("Loại") String kind();
    @Message("Phương thức HTTP") String http_method();
    @Message("Mẫu đường dẫn") String path_pattern();
    @Message("Thao tác SOAP") String soap_operation();
    @Message("Phân loại dữ liệu") String classification();
    @Message("Tài liệu OpenAPI/WSDL") String document_upload();
    @Message("Tải lên") String upload();
    @Message("Công bố") String publish();
    @Message("Thu hồi") String withdraw();
    @Message("Đổi khóa bí mật") String rotate_title();
    @Message("Khóa bí mật mới") String new_secret();
    @Message("Đổi khóa") String rotate();

    @Message("Quyền truy cập dịch vụ") String grants_title();
    @Message("Chủ hệ thống khai thác yêu cầu quyền truy cập (nêu mục đích); chủ hệ thống cung cấp hoặc quản trị viên phê duyệt hoặc từ chối; một trong hai bên hoặc quản trị viên thu hồi.") String grants_note();
    @Message("Mục đích") String purpose();
    @Message("Thu hồi") String revoke();
    @Message("Yêu cầu quyền truy cập") String request_title();
    @Message("Gửi yêu cầu") String request();
    @Message("Phê duyệt") String approve();
    @Message("Từ chối") String reject();
    @Message("Hệ thống khai thác (của bạn)") String request_consumer();

    @Message("Không thực hiện được: {#when code}"
            + "{#is 'duplicate-system'}đã có hệ thống với mã này"
            + "{#is 'duplicate-endpoint'}hệ thống đã có điểm kết nối với mã này"
            + "{#is 'duplicate-service'}hệ thống đã có dịch vụ với mã và phiên bản này"
            + "{#is 'duplicate-grant'}hệ thống đã có yêu cầu hoặc quyền truy cập dịch vụ này"
            + "{#is 'invalid-field'}giá trị không hợp lệ"
            + "{#is 'invalid-parameter'}điều kiện tìm kiếm không hợp lệ"
            + "{#is 'invalid-document'}tài liệu mô tả không hợp lệ hoặc không đúng loại dịch vụ"
            + "{#is 'forbidden'}vai trò hoặc tổ chức của bạn không được phép thực hiện thao tác này"
            + "{#is 'version-mismatch'}dữ liệu đã thay đổi từ lúc bạn mở trang; hãy tải lại trang"
            + "{#is 'precondition-required'}hãy tải lại trang rồi thử lại"
            + "{#is 'invalid-transition'}thao tác không áp dụng cho trạng thái hiện tại"
            + "{#is 'endpoint-in-use'}còn dịch vụ đang dùng điểm kết nối này"
            + "{#is 'unknown-endpoint'}không có điểm kết nối này trong hệ thống"
            + "{#is 'unknown-system'}không có hệ thống với mã này"
            + "{#is 'unknown-service'}hệ thống cung cấp không có dịch vụ này"
            + "{#is 'catalogue-entry-taken'}mục danh mục đã gắn với hệ thống khác"
            + "{#is 'egress-refused'}địa chỉ này không được phép theo chính sách kết nối ra ngoài"
            + "{#else}LGSP từ chối yêu cầu{/when}"
            + "{#if field != '–'} (trường “{#when field}{#is 'code'}Mã{#is 'nameVi'}Tên tiếng Việt{#is 'nameEn'}Tên tiếng Anh"
            + "{#is 'owningAgency'}Cơ quan chủ quản{#is 'scope'}Phạm vi{#is 'securityLevel'}Cấp độ an toàn{#is 'address'}Địa chỉ"
            + "{#is 'secret'}Khóa bí mật{#is 'purpose'}Mục đích{#is 'version'}Phiên bản{#is 'pathPattern'}Mẫu đường dẫn"
            + "{#is 'endpointCode'}Điểm kết nối{#is 'confirm'}Xác nhận{#is 'expiresAt'}Hiệu lực đến{#is 'system'}Hệ thống"
            + "{#is 'from'}Từ ngày{#is 'to'}Đến ngày{#is 'transactionId'}Mã giao dịch{#is 'action'}Hành động{#is 'status'}Trạng thái"
            + "{#else}{field}{/when}”){/if}."
            + " Mã lỗi: {code}.")
    String notice_error(String code, String field);
    @Message("{#when code}{#is 'duplicate-system'}Đã có hệ thống với mã này.{#is 'duplicate-endpoint'}Hệ thống đã có điểm kết nối với mã này.{#is 'duplicate-service'}Hệ thống đã có dịch vụ với mã và phiên bản này.{#is 'duplicate-grant'}Đã có yêu cầu hoặc quyền cho dịch vụ này.{#is 'egress-refused'}Chính sách kết nối ra ngoài không cho phép địa chỉ này.{#is 'unknown-endpoint'}Hệ thống không có điểm kết nối này.{#is 'unknown-system'}Không có hệ thống với mã này.{#is 'unknown-service'}Bên cung cấp không có dịch vụ này.{#is 'forbidden'}Vai trò hoặc tổ chức của bạn không được phép.{#else}Giá trị này chưa hợp lệ.{/when}")
    String field_error(String code);
    @Message("{#when done}{#is 'registered'}Đã đăng ký hệ thống.{#is 'lifecycle'}Đã chuyển trạng thái.{#is 'endpoint'}Đã lưu điểm kết nối.{#is 'rotated'}Đã đổi khóa bí mật.{#is 'service'}Đã thêm dịch vụ.{#is 'published'}Đã cập nhật công bố dịch vụ.{#is 'uploaded'}Đã tải lên tài liệu mô tả.{#is 'requested'}Đã gửi yêu cầu quyền truy cập.{#is 'approved'}Đã phê duyệt yêu cầu.{#is 'rejected'}Đã từ chối yêu cầu.{#is 'revoked'}Đã thu hồi quyền truy cập.{#is 'removed'}Đã xoá.{#is 'probe'}Đã cập nhật thăm dò.{#else}Xong.{/when}") String notice_done(String done);
}
