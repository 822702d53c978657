"""Contains all the data models used in inputs/outputs"""

from .access_request_create import AccessRequestCreate
from .access_request_read import AccessRequestRead
from .access_request_status import AccessRequestStatus
from .account_link_create import AccountLinkCreate
from .account_link_read import AccountLinkRead
from .actor_type import ActorType
from .ad_account_create import AdAccountCreate
from .ad_account_list_item import AdAccountListItem
from .ad_account_read import AdAccountRead
from .ad_account_role import AdAccountRole
from .ad_account_role_read import AdAccountRoleRead
from .ad_account_role_set import AdAccountRoleSet
from .assignment_read import AssignmentRead
from .assignment_role import AssignmentRole
from .assignment_update import AssignmentUpdate
from .assignments_create import AssignmentsCreate
from .audit_event_read import AuditEventRead
from .audit_event_read_detail import AuditEventReadDetail
from .authorization_status import AuthorizationStatus
from .bc_role import BcRole
from .bc_tik_tok_account_read import BcTikTokAccountRead
from .business_center_create import BusinessCenterCreate
from .business_center_read import BusinessCenterRead
from .business_center_ref import BusinessCenterRef
from .consent_screen import ConsentScreen
from .delivery_outcome import DeliveryOutcome
from .delivery_read import DeliveryRead
from .eligibility import Eligibility
from .eligibility_batch_item import EligibilityBatchItem
from .eligibility_batch_query import EligibilityBatchQuery
from .eligibility_check import EligibilityCheck
from .field_error import FieldError
from .identity import Identity
from .identity_type import IdentityType
from .identity_video import IdentityVideo
from .image_format import ImageFormat
from .live_create import LiveCreate
from .live_read import LiveRead
from .live_status import LiveStatus
from .me import Me
from .member_create import MemberCreate
from .member_read import MemberRead
from .member_update import MemberUpdate
from .membership import Membership
from .new_owner_token import NewOwnerToken
from .new_token import NewToken
from .owner_authorization_read import OwnerAuthorizationRead
from .page_access_request_read import PageAccessRequestRead
from .page_account_link_read import PageAccountLinkRead
from .page_ad_account_list_item import PageAdAccountListItem
from .page_assignment_read import PageAssignmentRead
from .page_audit_event_read import PageAuditEventRead
from .page_bc_tik_tok_account_read import PageBcTikTokAccountRead
from .page_delivery_read import PageDeliveryRead
from .page_eligibility_batch_item import PageEligibilityBatchItem
from .page_identity import PageIdentity
from .page_identity_video import PageIdentityVideo
from .page_live_read import PageLiveRead
from .page_member_read import PageMemberRead
from .page_owner_authorization_read import PageOwnerAuthorizationRead
from .page_spark_ad_read import PageSparkAdRead
from .page_video_read import PageVideoRead
from .page_webhook_read import PageWebhookRead
from .permission import Permission
from .problem import Problem
from .profile_read import ProfileRead
from .qr_scan import QrScan
from .qr_scan_result import QrScanResult
from .reason import Reason
from .revoked_by import RevokedBy
from .scan_decision import ScanDecision
from .scope import Scope
from .showcase_read import ShowcaseRead
from .showcase_source import ShowcaseSource
from .showcase_write import ShowcaseWrite
from .spark_ad_create import SparkAdCreate
from .spark_ad_read import SparkAdRead
from .spark_ad_status import SparkAdStatus
from .status import Status
from .tik_tok_account_create import TikTokAccountCreate
from .tik_tok_account_created import TikTokAccountCreated
from .tik_tok_account_read import TikTokAccountRead
from .user_create import UserCreate
from .user_created import UserCreated
from .user_read import UserRead
from .via import Via
from .video_create import VideoCreate
from .video_read import VideoRead
from .video_update import VideoUpdate
from .visibility import Visibility
from .webhook_create import WebhookCreate
from .webhook_created import WebhookCreated
from .webhook_event_type import WebhookEventType
from .webhook_read import WebhookRead

__all__ = (
    "AccessRequestCreate",
    "AccessRequestRead",
    "AccessRequestStatus",
    "AccountLinkCreate",
    "AccountLinkRead",
    "ActorType",
    "AdAccountCreate",
    "AdAccountListItem",
    "AdAccountRead",
    "AdAccountRole",
    "AdAccountRoleRead",
    "AdAccountRoleSet",
    "AssignmentRead",
    "AssignmentRole",
    "AssignmentsCreate",
    "AssignmentUpdate",
    "AuditEventRead",
    "AuditEventReadDetail",
    "AuthorizationStatus",
    "BcRole",
    "BcTikTokAccountRead",
    "BusinessCenterCreate",
    "BusinessCenterRead",
    "BusinessCenterRef",
    "ConsentScreen",
    "DeliveryOutcome",
    "DeliveryRead",
    "Eligibility",
    "EligibilityBatchItem",
    "EligibilityBatchQuery",
    "EligibilityCheck",
    "FieldError",
    "Identity",
    "IdentityType",
    "IdentityVideo",
    "ImageFormat",
    "LiveCreate",
    "LiveRead",
    "LiveStatus",
    "Me",
    "MemberCreate",
    "MemberRead",
    "Membership",
    "MemberUpdate",
    "NewOwnerToken",
    "NewToken",
    "OwnerAuthorizationRead",
    "PageAccessRequestRead",
    "PageAccountLinkRead",
    "PageAdAccountListItem",
    "PageAssignmentRead",
    "PageAuditEventRead",
    "PageBcTikTokAccountRead",
    "PageDeliveryRead",
    "PageEligibilityBatchItem",
    "PageIdentity",
    "PageIdentityVideo",
    "PageLiveRead",
    "PageMemberRead",
    "PageOwnerAuthorizationRead",
    "PageSparkAdRead",
    "PageVideoRead",
    "PageWebhookRead",
    "Permission",
    "Problem",
    "ProfileRead",
    "QrScan",
    "QrScanResult",
    "Reason",
    "RevokedBy",
    "ScanDecision",
    "Scope",
    "ShowcaseRead",
    "ShowcaseSource",
    "ShowcaseWrite",
    "SparkAdCreate",
    "SparkAdRead",
    "SparkAdStatus",
    "Status",
    "TikTokAccountCreate",
    "TikTokAccountCreated",
    "TikTokAccountRead",
    "UserCreate",
    "UserCreated",
    "UserRead",
    "Via",
    "VideoCreate",
    "VideoRead",
    "VideoUpdate",
    "Visibility",
    "WebhookCreate",
    "WebhookCreated",
    "WebhookEventType",
    "WebhookRead",
)
